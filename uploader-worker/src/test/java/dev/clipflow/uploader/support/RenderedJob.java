package dev.clipflow.uploader.support;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRendered.RenderedArtifact;
import dev.clipflow.contracts.events.JobRendered.RenderedClip;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.layout.ObjectKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.codec.digest.MessageDigestAlgorithms;

/**
 * A job as the clip-worker leaves it: {@code {WORK_DIR}/{job_id}/} with clips, thumbnails, the
 * metadata document and a {@code temp_} leftover, and the {@code JobRendered} event naming them.
 */
public final class RenderedJob {

    public final String jobId = JobId.newId();
    public final String title;
    public final Path dir;
    public final List<RenderedArtifact> artifacts = new ArrayList<>();
    private final List<RenderedClip> clips = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom();

    private RenderedJob(Path workDir, String title) {
        this.title = title;
        this.dir = workDir.resolve(jobId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code clips} clips with thumbnails (random bytes of a few hundred KB), a temp file, the metadata. */
    public static RenderedJob withClips(Path workDir, String title, int clips) {
        RenderedJob job = new RenderedJob(workDir, title);
        for (int number = 1; number <= clips; number++) {
            job.clip(number, 200_000 + job.random.nextInt(100_000));
        }
        job.write("temp_" + ObjectKeys.clipFile(title, 1), 10_000); // a leftover: never uploaded
        return job;
    }

    /** Adds clip {@code number} (1-based, as its file is named) of {@code size} bytes and its thumbnail. */
    public RenderedJob clip(int number, long size) {
        String clip = ObjectKeys.clipFile(title, number);
        String thumbnail = ObjectKeys.thumbnailFile(title, number);
        artifacts.add(artifact(clip, ArtifactKind.CLIP, number, write(clip, size)));
        artifacts.add(artifact(thumbnail, ArtifactKind.THUMBNAIL, number, write(thumbnail, 20_000)));
        clips.add(new RenderedClip(number, title + " " + number, 15.0, 1080, 1920, clip, thumbnail));
        return this;
    }

    public JobRendered event() {
        List<RenderedArtifact> all = new ArrayList<>(artifacts);
        String metadata = ObjectKeys.metadataFile(title);
        Path metadataFile = dir.resolve(metadata);
        if (!Files.exists(metadataFile)) {
            writeBytes(metadataFile, ("{\"job_id\":\"" + jobId + "\",\"title\":\"" + title + "\",\"shorts\":[]}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        all.add(artifact(metadata, ArtifactKind.METADATA, null, metadataFile));
        return new JobRendered(1, jobId, Instant.now(), title, ObjectKeys.metadata(jobId, title), all, clips);
    }

    /**
     * A recut of the job as its worker leaves it: clip {@code number} (numbered after the job's own) in the work dir
     * again and the metadata rewritten; the event, marked with {@code recutId}, names only those. The job's own
     * artifacts are forgotten here, as the recut's event does not carry them.
     */
    public JobRendered recut(String recutId, int number) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(ObjectKeys.metadataFile(title)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        artifacts.clear();
        clips.clear();
        clip(number, 100_000 + random.nextInt(50_000));
        writeBytes(dir.resolve(ObjectKeys.metadataFile(title)), ("{\"job_id\":\"" + jobId + "\",\"title\":\"" + title
                + "\",\"shorts\":[],\"recut\":\"" + recutId + "\"}").getBytes(StandardCharsets.UTF_8));
        JobRendered event = event();
        return new JobRendered(1, jobId, event.at(), title, event.metadataKey(), event.artifacts(), event.clips(), null,
                recutId);
    }

    /** The event with one more artifact name (e.g. one reaching outside the job folder). */
    public JobRendered eventWith(RenderedArtifact extra) {
        JobRendered event = event();
        List<RenderedArtifact> all = new ArrayList<>(event.artifacts());
        all.add(0, extra);
        return new JobRendered(1, jobId, event.at(), title, event.metadataKey(), all, event.clips());
    }

    public String key(String file) {
        return ObjectKeys.jobObject(jobId, file);
    }

    public String metadataKey() {
        return ObjectKeys.metadata(jobId, title);
    }

    public List<String> uploadedFiles() {
        List<String> files = new ArrayList<>(artifacts.stream().map(RenderedArtifact::file).toList());
        files.add(ObjectKeys.metadataFile(title));
        return files;
    }

    private Path write(String name, long size) {
        Path file = dir.resolve(name);
        if (size > 50_000_000) {
            writeLarge(file, size);
        } else {
            byte[] bytes = new byte[(int) size];
            random.nextBytes(bytes);
            writeBytes(file, bytes);
        }
        return file;
    }

    /** Random 1 MiB blocks, so multipart parts really differ and nothing compresses. */
    private void writeLarge(Path file, long size) {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RenderedArtifact artifact(String name, ArtifactKind kind, Integer clipNumber, Path file) {
        try {
            return new RenderedArtifact(name, kind, clipNumber, Files.size(file), sha256(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(Path file) {
        try {
            return new DigestUtils(MessageDigestAlgorithms.SHA_256).digestAsHex(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
