package dev.clipflow.clipworker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.reframe.Reframer;
import dev.clipflow.clipworker.render.RenderSettings;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Generated sources and ffprobe/ffmpeg measurements of outputs, with the bundled ffmpeg. */
public final class TestMedia {

    public static final FfmpegBinaries FFMPEG = FfmpegBinaries.fromEnvironment();

    /**
     * The worker's render settings with x264's quickest preset. These tests check what is cut, framed and captioned,
     * not how well it compresses: the same frames cost less than half the CPU of the default preset, and the build
     * runs on two cores.
     */
    public static final RenderSettings RENDER = new RenderSettings("ultrafast", RenderSettings.DEFAULT.crf(),
            RenderSettings.DEFAULT.timeoutFactor(), RenderSettings.DEFAULT.timeoutGrace(), RenderSettings.DEFAULT.clipsAtOnce());

    /** A testsrc2 video with a sine tone at {@code volumeDb} (quiet on purpose, so loudness normalisation shows). */
    public static Path video(Path target, double seconds, int width, int height, int fps, boolean audio) {
        List<String> command = new ArrayList<>(List.of(FFMPEG.ffmpeg().toString(), "-v", "error", "-y",
                "-f", "lavfi", "-i", String.format(Locale.ROOT, "testsrc2=size=%dx%d:rate=%d:duration=%s", width, height, fps, seconds)));
        if (audio) {
            command.addAll(List.of("-f", "lavfi", "-i",
                    String.format(Locale.ROOT, "sine=frequency=440:sample_rate=48000:duration=%s,volume=-24dB", seconds),
                    "-c:a", "aac"));
        }
        command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "60",
                target.toString()));
        run(command);
        return target;
    }

    /** A plain-coloured video (with a little noise, so it is not trivially compressible) and a tone. */
    public static Path plainVideo(Path target, double seconds, int width, int height, int fps) {
        run(List.of(FFMPEG.ffmpeg().toString(), "-v", "error", "-y", "-f", "lavfi", "-i",
                String.format(Locale.ROOT, "color=c=0x305080:size=%dx%d:rate=%d:duration=%s,noise=alls=8:allf=t",
                        width, height, fps, seconds),
                "-f", "lavfi", "-i", String.format(Locale.ROOT, "sine=frequency=440:sample_rate=48000:duration=%s", seconds),
                "-c:a", "aac", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "60",
                target.toString()));
        return target;
    }

    /** The frame of a video at {@code seconds}. */
    public static java.awt.image.BufferedImage frameAt(Path video, double seconds, Path png) {
        run(List.of(FFMPEG.ffmpeg().toString(), "-v", "error", "-y", "-ss", String.format(Locale.ROOT, "%.3f", seconds),
                "-i", video.toString(), "-frames:v", "1", "-update", "1", png.toString()));
        try {
            return javax.imageio.ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The worker's reframer with its default settings, on the bundled ffmpeg. */
    public static Reframer reframer(ProcessRunner runner) {
        return Reframer.withDefaults(FFMPEG.ffmpeg(), runner);
    }

    public static JsonNode probe(Path file) {
        String json = run(List.of(FFMPEG.ffprobe().toString(), "-v", "error", "-count_frames", "-show_format",
                "-show_streams", "-of", "json", file.toString()));
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.path("streams")) {
            if (s.path("codec_type").asText().equals(type)) {
                return s;
            }
        }
        throw new AssertionError("no " + type + " stream in " + probe);
    }

    /** Integrated loudness in LUFS measured by ffmpeg's ebur128 filter. */
    public static double integratedLoudness(Path file) {
        String out = runMerged(List.of(FFMPEG.ffmpeg().toString(), "-hide_banner", "-nostats", "-i", file.toString(),
                "-filter_complex", "ebur128", "-f", "null", "-"));
        Matcher m = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(out);
        Double last = null;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        if (last == null) {
            throw new AssertionError("no ebur128 summary in: " + out);
        }
        return last;
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("failed: " + command);
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String runMerged(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestMedia() {
    }
}
