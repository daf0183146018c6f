package dev.clipflow.clipworker.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.clipworker.JobFailure;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Probes a source with ffprobe before anything else reads it. ffprobe itself only opens local files
 * ({@code -protocol_whitelist file}) with an accepted container demuxer ({@code -format_whitelist}),
 * so a playlist or image sequence is refused before it can make ffmpeg read another file.
 */
public final class MediaProber {

    private static final Duration PROBE_LIMIT = Duration.ofSeconds(60);
    private static final int MAX_JSON_CHARS = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FfmpegBinaries binaries;
    private final ProcessRunner runner;

    public MediaProber(FfmpegBinaries binaries, ProcessRunner runner) {
        this.binaries = binaries;
        this.runner = runner;
    }

    /** The probed source, or a {@link JobFailure} with {@code unsupported_format}, {@code no_video_stream} or {@code corrupt_input}. */
    public ProbedMedia probe(Path source) {
        refuseTextPlaylists(source);
        JsonNode json = runFfprobe(source);
        JsonNode format = json.path("format");
        String formatName = format.path("format_name").asText("");
        if (!ContainerFormats.isAccepted(formatName)) {
            throw new JobFailure(FailureCode.UNSUPPORTED_FORMAT, "the source's container '" + formatName
                    + "' is not accepted; use mp4/mov, mkv/webm, avi, flv or mpeg-ts");
        }
        JsonNode video = null;
        boolean hasAudio = false;
        for (JsonNode stream : json.path("streams")) {
            String type = stream.path("codec_type").asText();
            boolean coverArt = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals("video") && !coverArt && video == null) {
                video = stream;
            } else if (type.equals("audio")) {
                hasAudio = true;
            }
        }
        if (video == null) {
            throw new JobFailure(FailureCode.NO_VIDEO_STREAM, "the source has no video stream");
        }
        int width = video.path("width").asInt(0);
        int height = video.path("height").asInt(0);
        double duration = format.path("duration").asDouble(0);
        if (!(duration > 0)) {
            duration = video.path("duration").asDouble(0);
        }
        if (width <= 0 || height <= 0 || !(duration > 0)) {
            throw new JobFailure(FailureCode.CORRUPT_INPUT, "the source has no readable duration or picture size");
        }
        if (Math.abs(rotation(video)) % 180 == 90) {
            int swap = width;
            width = height;
            height = swap;
        }
        return new ProbedMedia(formatName, duration, width, height, frameRate(video), hasAudio);
    }

    /** Whether every packet of a (rendered) file can be read: a truncated file reports "partial file" or similar. */
    public boolean isFullyReadable(Path file) {
        ProcessRunner.Result result = runner.run(List.of(binaries.ffmpeg().toString(), "-hide_banner", "-nostdin",
                "-loglevel", "error", "-protocol_whitelist", "file", "-format_whitelist", ContainerFormats.whitelist(),
                "-i", "file:" + file.toAbsolutePath(), "-map", "0", "-c", "copy", "-f", "null", "-"), PROBE_LIMIT, line -> { });
        return result.succeeded() && result.stderrTail().isBlank();
    }

    private JsonNode runFfprobe(Path source) {
        StringBuilder out = new StringBuilder();
        ProcessRunner.Result result = runner.run(List.of(binaries.ffprobe().toString(),
                "-v", "error", "-protocol_whitelist", "file", "-format_whitelist", ContainerFormats.whitelist(),
                "-safe", "1", "-show_format", "-show_streams", "-of", "json", "file:" + source.toAbsolutePath()),
                PROBE_LIMIT, line -> {
                    if (out.length() < MAX_JSON_CHARS) {
                        out.append(line).append('\n');
                    }
                });
        if (result.timedOut()) {
            throw new JobFailure(FailureCode.CORRUPT_INPUT, "ffprobe could not read the source within " + PROBE_LIMIT.toSeconds() + " s");
        }
        if (result.exitCode() != 0) {
            if (result.stderrTail().contains("Format not on whitelist")) {
                throw new JobFailure(FailureCode.UNSUPPORTED_FORMAT, "the source is not a video container ("
                        + demuxerNamed(result.stderrTail()) + "); use mp4/mov, mkv/webm, avi, flv or mpeg-ts");
            }
            throw new JobFailure(FailureCode.CORRUPT_INPUT, "the source cannot be read as a video: " + lastLine(result.stderrTail()));
        }
        try {
            return JSON.readTree(out.toString());
        } catch (IOException e) {
            throw new JobFailure(FailureCode.CORRUPT_INPUT, "ffprobe gave no readable description of the source");
        }
    }

    /** ffmpeg refuses HLS by a non-playlist extension and then calls it corrupt: say what it really is. */
    private static void refuseTextPlaylists(Path source) {
        byte[] head = new byte[64];
        int read;
        try (InputStream in = Files.newInputStream(source)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String start = new String(head, 0, read, StandardCharsets.ISO_8859_1).stripLeading();
        if (start.startsWith("#EXTM3U") || start.startsWith("ffconcat") || start.startsWith("file ")
                || start.startsWith("[playlist]") || start.startsWith("<?xml")) {
            throw new JobFailure(FailureCode.UNSUPPORTED_FORMAT, "the source is a playlist or text file, not a video container");
        }
    }

    private static String demuxerNamed(String stderr) {
        int open = stderr.indexOf('[');
        int at = stderr.indexOf(" @ ", open);
        return open >= 0 && at > open ? stderr.substring(open + 1, at) : "unknown format";
    }

    private static String lastLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.lastIndexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(newline + 1);
    }

    private static int rotation(JsonNode video) {
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                return side.path("rotation").asInt(0);
            }
        }
        return video.path("tags").path("rotate").asInt(0);
    }

    private static double frameRate(JsonNode video) {
        String rate = video.path("avg_frame_rate").asText("0/0");
        if (rate.equals("0/0")) {
            rate = video.path("r_frame_rate").asText("0/0");
        }
        String[] parts = rate.split("/");
        try {
            double value = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]) : Double.parseDouble(rate);
            return Double.isFinite(value) && value > 0 ? value : 30;
        } catch (NumberFormatException e) {
            return 30;
        }
    }
}
