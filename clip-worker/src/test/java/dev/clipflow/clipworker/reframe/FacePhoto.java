package dev.clipflow.clipworker.reframe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real face photograph for tests: {@code astronaut.png} (NASA, public domain) from Debian's
 * {@code python3-skimage}, taken with {@code apt-get download} and unpacked with {@code dpkg -x} into
 * {@code target/face-photo/} once. Empty, with the reason, where apt or dpkg cannot get it.
 */
final class FacePhoto {

    static final Path DIR = Path.of("target", "face-photo").toAbsolutePath();
    static final Path ASTRONAUT = DIR.resolve("usr/lib/python3/dist-packages/skimage/data/astronaut.png");
    /** Where OpenCV's cascade finds the face in the 512x512 photo: x, y, size. */
    static final int FACE_X = 177;
    static final int FACE_Y = 66;
    static final int FACE_SIZE = 95;

    private static String unavailable;

    static synchronized Optional<Path> astronaut() {
        if (Files.isRegularFile(ASTRONAUT)) {
            return Optional.of(ASTRONAUT);
        }
        if (unavailable != null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(DIR);
            run("apt-get", "download", "python3-skimage");
            Path deb;
            try (Stream<Path> files = Files.list(DIR)) {
                deb = files.filter(f -> f.getFileName().toString().matches("python3-skimage_.*\\.deb")).findFirst()
                        .orElseThrow(() -> new IOException("apt-get download left no python3-skimage .deb"));
            }
            run("dpkg", "-x", deb.toString(), DIR.toString());
            Files.delete(deb);
        } catch (IOException | InterruptedException e) {
            unavailable = e.getMessage();
        }
        if (!Files.isRegularFile(ASTRONAUT)) {
            unavailable = unavailable == null ? "the package has no " + ASTRONAUT : unavailable;
            return Optional.empty();
        }
        return Optional.of(ASTRONAUT);
    }

    static String whyUnavailable() {
        return "no face photograph for the test (Debian python3-skimage's astronaut.png through apt-get download + "
                + "dpkg -x): " + unavailable;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(DIR.resolve("apt.log").toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(DIR.resolve("apt.log")).strip());
        }
    }

    private FacePhoto() {
    }
}
