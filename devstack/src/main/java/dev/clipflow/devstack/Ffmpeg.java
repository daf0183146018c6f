package dev.clipflow.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the ffmpeg and ffprobe executables: {@code FFMPEG_PATH} / {@code FFPROBE_PATH} (system property or
 * environment variable) when set, else the GPL build with libx264 bundled in {@code org.bytedeco:ffmpeg},
 * which JavaCPP extracts once into its cache ({@code ~/.javacpp/cache}).
 */
public final class Ffmpeg {

    public static final String FFMPEG_PATH = "FFMPEG_PATH";
    public static final String FFPROBE_PATH = "FFPROBE_PATH";

    /** What the bundled executables need from the system (Debian 12 package names). */
    public static final String SYSTEM_LIBRARIES = "The bundled ffmpeg needs the system libraries libpulse.so.0,"
            + " libva.so.2, libva-drm.so.2, libasound.so.2, libxcb.so.1"
            + " (Debian: apt-get install libpulse0 libva2 libva-drm2 libasound2 libxcb1 libxcb-shm0)";

    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    // The bundled jar is the "-gpl" flavour (libx264); JavaCPP only looks for it when told so.
    private static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    public static Path ffmpeg() {
        return FfmpegHolder.PATH;
    }

    public static Path ffprobe() {
        return FfprobeHolder.PATH;
    }

    private static Path locate(String variable, Class<?> bundled) {
        String configured = configured(variable);
        if (configured != null) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(variable + "=" + configured + " is not an executable file");
            }
            LOG.info("{} from {}: {}", bundled.getSimpleName(), variable, path);
            return path;
        }
        long started = System.nanoTime();
        if (System.getProperty(PLATFORM_EXTENSION) == null) {
            System.setProperty(PLATFORM_EXTENSION, "-gpl");
        }
        String loaded;
        try {
            loaded = Loader.load(bundled);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("The bundled " + bundled.getSimpleName() + " (org.bytedeco:ffmpeg "
                    + Loader.getPlatform() + "-gpl) cannot be loaded: " + rootMessage(e)
                    + ". " + SYSTEM_LIBRARIES + ", or set " + variable + " to another ffmpeg", e);
        }
        Path path = Path.of(loaded);
        LOG.info("Bundled {} ready at {} in {} ms", bundled.getSimpleName(), path,
                (System.nanoTime() - started) / 1_000_000);
        return path;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String configured(String variable) {
        String value = System.getProperty(variable);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static final class FfmpegHolder {
        static final Path PATH = locate(FFMPEG_PATH, org.bytedeco.ffmpeg.ffmpeg.class);
    }

    private static final class FfprobeHolder {
        static final Path PATH = locate(FFPROBE_PATH, org.bytedeco.ffmpeg.ffprobe.class);
    }

    private Ffmpeg() {
    }
}
