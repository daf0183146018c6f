package dev.clipflow.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg and ffprobe executables: the given paths ({@code FFMPEG_PATH} / {@code FFPROBE_PATH}) when set,
 * else the GPL build with libx264 bundled in {@code org.bytedeco:ffmpeg}, which JavaCPP extracts once into
 * its cache.
 */
public record FfmpegBinaries(Path ffmpeg, Path ffprobe) {

    public static final String FFMPEG_PATH = "FFMPEG_PATH";
    public static final String FFPROBE_PATH = "FFPROBE_PATH";

    /** What the bundled executables need from the system (Debian 12 package names). */
    public static final String SYSTEM_LIBRARIES = "The bundled ffmpeg needs the system libraries libpulse.so.0,"
            + " libva.so.2, libva-drm.so.2, libasound.so.2, libxcb.so.1"
            + " (Debian: apt-get install libpulse0 libva2 libva-drm2 libasound2 libxcb1 libxcb-shm0)";

    // The bundled jar is the "-gpl" flavour (libx264); JavaCPP only looks for it when told so.
    private static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    /** The given executables, or the bundled ones where a path is absent or blank. */
    public static FfmpegBinaries locate(Optional<String> ffmpegPath, Optional<String> ffprobePath) {
        return new FfmpegBinaries(
                locate(ffmpegPath, FFMPEG_PATH, org.bytedeco.ffmpeg.ffmpeg.class),
                locate(ffprobePath, FFPROBE_PATH, org.bytedeco.ffmpeg.ffprobe.class));
    }

    /** {@code FFMPEG_PATH} / {@code FFPROBE_PATH} from a system property or the environment, else the bundled ones. */
    public static FfmpegBinaries fromEnvironment() {
        return FromEnvironment.BINARIES;
    }

    /**
     * Runs both with {@code -version} and returns ffmpeg's version line; an executable that does not run
     * (typically a missing system library) is an {@link IllegalStateException} saying what to do.
     */
    public String verify() {
        String version = version(ffmpeg, FFMPEG_PATH);
        version(ffprobe, FFPROBE_PATH);
        return version;
    }

    private static Path locate(Optional<String> configured, String variable, Class<?> bundled) {
        Optional<String> given = configured.filter(path -> !path.isBlank());
        if (given.isPresent()) {
            Path path = Path.of(given.get());
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
                throw new IllegalStateException("The bundled " + bundled.getSimpleName() + " (org.bytedeco:ffmpeg "
                        + Loader.getPlatform() + "-gpl) cannot be loaded: " + rootMessage(e) + ". "
                        + SYSTEM_LIBRARIES + ", or set " + variable + " to an ffmpeg build with libx264", e);
            }
        }
    }

    private static String version(Path executable, String variable) {
        String failure = executable + " does not run. " + SYSTEM_LIBRARIES + ", or set " + variable
                + " to an ffmpeg build with libx264";
        try {
            Process process = new ProcessBuilder(executable.toString(), "-hide_banner", "-version")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(failure + ": " + output);
            }
            return output.lines().findFirst().orElse("").replaceFirst(" Copyright.*", "");
        } catch (IOException e) {
            throw new IllegalStateException(failure + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + executable + " -version", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getProperty(name)).filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(System.getenv(name)));
    }

    /** Located on first use, once per JVM. */
    private static final class FromEnvironment {
        static final FfmpegBinaries BINARIES = locate(setting(FFMPEG_PATH), setting(FFPROBE_PATH));
    }
}
