package dev.clipflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.clipflow.ffmpeg.FfmpegBinaries;

/**
 * A generated test video (H.264 + AAC in MP4): the lavfi {@code testsrc2} pattern with a {@code sine} tone,
 * made at test time with the bundled ffmpeg.
 *
 * <pre>{@code SampleVideo.builder().seconds(10).size(640, 360).fps(30).build().writeTo(path)}</pre>
 */
public final class SampleVideo {

    /** What the audio track holds. */
    public enum Audio { TONE, SILENCE, NONE }

    private final double seconds;
    private final int width;
    private final int height;
    private final int fps;
    private final Audio audio;
    private final int toneHz;

    private SampleVideo(Builder builder) {
        this.seconds = builder.seconds;
        this.width = builder.width;
        this.height = builder.height;
        this.fps = builder.fps;
        this.audio = builder.audio;
        this.toneHz = builder.toneHz;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes the video to {@code target} (replacing it) and returns {@code target}. */
    public Path writeTo(Path target) {
        Path ffmpeg = FfmpegBinaries.fromEnvironment().ffmpeg();
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin",
                "-loglevel", "error", "-y", "-f", "lavfi", "-i", String.format(Locale.ROOT,
                        "testsrc2=size=%dx%d:rate=%d:duration=%s", width, height, fps, seconds(seconds))));
        switch (audio) {
            case TONE -> command.addAll(List.of("-f", "lavfi", "-i", String.format(Locale.ROOT,
                    "sine=frequency=%d:sample_rate=44100:duration=%s", toneHz, seconds(seconds))));
            case SILENCE -> command.addAll(List.of("-f", "lavfi", "-i", String.format(Locale.ROOT,
                    "anullsrc=channel_layout=stereo:sample_rate=44100:duration=%s", seconds(seconds))));
            case NONE -> { }
        }
        command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-g", String.valueOf(fps)));
        if (audio != Audio.NONE) {
            command.addAll(List.of("-c:a", "aac", "-b:a", "96k"));
        }
        command.addAll(List.of("-t", seconds(seconds), "-movflags", "+faststart", target.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("ffmpeg could not generate " + target + " (exit " + exit + "): "
                        + output.strip() + (exit == 127 ? ". " + FfmpegBinaries.SYSTEM_LIBRARIES : ""));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating " + target, e);
        }
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    public static final class Builder {
        private double seconds = 5;
        private int width = 320;
        private int height = 240;
        private int fps = 25;
        private Audio audio = Audio.TONE;
        private int toneHz = 440;

        public Builder seconds(double seconds) {
            if (seconds <= 0) {
                throw new IllegalArgumentException("seconds must be positive: " + seconds);
            }
            this.seconds = seconds;
            return this;
        }

        /** Frame size; H.264 with yuv420p needs even numbers. */
        public Builder size(int width, int height) {
            if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("size must be positive and even: " + width + "x" + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder fps(int fps) {
            if (fps <= 0) {
                throw new IllegalArgumentException("fps must be positive: " + fps);
            }
            this.fps = fps;
            return this;
        }

        /** A sine tone of this frequency (the default: 440 Hz). */
        public Builder tone(int hz) {
            this.audio = Audio.TONE;
            this.toneHz = hz;
            return this;
        }

        /** An audio track of silence. */
        public Builder silence() {
            this.audio = Audio.SILENCE;
            return this;
        }

        /** No audio stream at all. */
        public Builder noAudio() {
            this.audio = Audio.NONE;
            return this;
        }

        public SampleVideo build() {
            return new SampleVideo(this);
        }
    }
}
