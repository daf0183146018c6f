package dev.clipflow.contracts.layout;

import dev.clipflow.contracts.JobId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object layout, identical in S3 and in local storage:
 * <pre>
 * uploads/{job_id}/source.{ext}
 * uploads/{job_id}/captions.json     the captions sent with the job, normalized
 * {job_id}/{title}_clip_{n}.mp4      n = 1..N
 * {job_id}/{title}_clip_{n}.jpg
 * {job_id}/{title}_clip_{n}.srt      and .vtt: the clip's captions in clip time, when the job has any
 * {job_id}/{title}_metadata.json     written last
 * </pre>
 * {@code title} is always the {@link Titles#sanitize sanitized} title.
 */
public final class ObjectKeys {

    public static final String UPLOADS_PREFIX = "uploads/";
    public static final String METADATA_SUFFIX = "_metadata.json";
    public static final String TEMP_PREFIX = "temp_";
    private static final Pattern CLIP_FILE = Pattern.compile("^(.+)_clip_(\\d+)\\.(mp4|jpg|srt|vtt)$");
    private static final Pattern SOURCE_EXTENSION = Pattern.compile("^[a-z0-9]{1,8}$");

    public static String clipFile(String title, int clipNumber) {
        return Titles.sanitize(title) + "_clip_" + requirePositive(clipNumber) + ".mp4";
    }

    public static String thumbnailFile(String title, int clipNumber) {
        return Titles.sanitize(title) + "_clip_" + requirePositive(clipNumber) + ".jpg";
    }

    public static String subtitlesFile(String title, int clipNumber, String extension) {
        if (!extension.equals("srt") && !extension.equals("vtt")) {
            throw new IllegalArgumentException("subtitles are .srt or .vtt, not ." + extension);
        }
        return Titles.sanitize(title) + "_clip_" + requirePositive(clipNumber) + "." + extension;
    }

    public static String metadataFile(String title) {
        return Titles.sanitize(title) + METADATA_SUFFIX;
    }

    /** The key of a file of a job: {@code {job_id}/{file}}. */
    public static String jobObject(String jobId, String fileName) {
        return JobId.requireValid(jobId) + "/" + requirePlainFileName(fileName);
    }

    public static String clip(String jobId, String title, int clipNumber) {
        return jobObject(jobId, clipFile(title, clipNumber));
    }

    public static String thumbnail(String jobId, String title, int clipNumber) {
        return jobObject(jobId, thumbnailFile(title, clipNumber));
    }

    public static String metadata(String jobId, String title) {
        return jobObject(jobId, metadataFile(title));
    }

    public static String jobPrefix(String jobId) {
        return JobId.requireValid(jobId) + "/";
    }

    public static String uploadPrefix(String jobId) {
        return UPLOADS_PREFIX + JobId.requireValid(jobId) + "/";
    }

    /** {@code uploads/{job_id}/captions.json}: the job's captions as the gateway normalized them. */
    public static String uploadedCaptions(String jobId) {
        return uploadPrefix(jobId) + "captions.json";
    }

    /** {@code uploads/{job_id}/source.{ext}}; an extension that is not short and alphanumeric becomes {@code bin}. */
    public static String uploadedSource(String jobId, String extension) {
        String ext = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
        if (!SOURCE_EXTENSION.matcher(ext).matches()) {
            ext = "bin";
        }
        return uploadPrefix(jobId) + "source." + ext;
    }

    public static boolean isMetadataKey(String key) {
        return key != null && key.endsWith(METADATA_SUFFIX) && !key.startsWith(UPLOADS_PREFIX);
    }

    /** The job id a key belongs to (its first path segment), if it is one. */
    public static Optional<String> jobIdOf(String key) {
        if (key == null) {
            return Optional.empty();
        }
        int slash = key.indexOf('/');
        String first = slash < 0 ? key : key.substring(0, slash);
        return JobId.isValid(first) ? Optional.of(first.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** Files named {@code temp_*} are intermediate and never uploaded. */
    public static boolean isTemporary(String fileName) {
        return fileName.startsWith(TEMP_PREFIX);
    }

    /** The 1-based clip number in {@code {title}_clip_{n}.mp4|jpg|srt|vtt}, if the name has that shape. */
    public static Optional<Integer> clipNumberOf(String fileName) {
        Matcher m = CLIP_FILE.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(m.group(2)));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    public static String requirePlainFileName(String fileName) {
        if (fileName == null || fileName.isEmpty() || fileName.equals(".") || fileName.equals("..")
                || fileName.indexOf('/') >= 0 || fileName.indexOf('\\') >= 0 || fileName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name: '" + fileName + "'");
        }
        return fileName;
    }

    private static int requirePositive(int clipNumber) {
        if (clipNumber < 1) {
            throw new IllegalArgumentException("clip numbers start at 1, got " + clipNumber);
        }
        return clipNumber;
    }

    private ObjectKeys() {
    }
}
