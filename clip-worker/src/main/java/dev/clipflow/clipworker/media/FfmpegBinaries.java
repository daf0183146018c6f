package dev.clipflow.clipworker.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg and ffprobe executables: the configured paths ({@code FFMPEG_PATH} / {@code FFPROBE_PATH})
 * when given, else the GPL build with libx264 bundled in {@code org.bytedeco:ffmpeg}, which JavaCPP
 * extracts once into its cache.
 */
public record FfmpegBinaries(Path ffmpeg, Path ffprobe) {

    // The bundled jar is the "-gpl" flavour (libx264); JavaCPP only looks for it when told so.
    private static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    public static FfmpegBinaries locate(Optional<String> ffmpegPath, Optional<String> ffprobePath) {
        return new FfmpegBinaries(
                locate(ffmpegPath, "FFMPEG_PATH", org.bytedeco.ffmpeg.ffmpeg.class),
                locate(ffprobePath, "FFPROBE_PATH", org.bytedeco.ffmpeg.ffprobe.class));
    }

    /** The bundled binaries, or the environment's FFMPEG_PATH / FFPROBE_PATH. */
    public static FfmpegBinaries fromEnvironment() {
        return locate(nonBlank(System.getenv("FFMPEG_PATH")), nonBlank(System.getenv("FFPROBE_PATH")));
    }

    private static Path locate(Optional<String> configured, String variable, Class<?> bundled) {
        if (configured.isPresent()) {
            Path path = Path.of(configured.get());
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(variable + "=" + path + " is not an executable file");
            }
            return path;
        }
        synchronized (FfmpegBinaries.class) {
            if (System.getProperty(PLATFORM_EXTENSION) == null) {
                System.setProperty(PLATFORM_EXTENSION, "-gpl");
            }
            try {
                return Path.of(Loader.load(bundled));
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                throw new IllegalStateException("the bundled " + bundled.getSimpleName() + " (org.bytedeco:ffmpeg "
                        + Loader.getPlatform() + "-gpl) cannot be loaded (" + e.getMessage() + "); set " + variable
                        + " to an ffmpeg build with libx264", e);
            }
        }
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
