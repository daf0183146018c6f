package dev.clipflow.clipworker.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The short-lived folders where an analysis has ffmpeg print frame metadata (a filter's {@code file=} option),
 * read back and removed once the run is over.
 */
public final class ScratchFiles {

    private static final Pattern FILTER_SAFE = Pattern.compile("[A-Za-z0-9/._+-]+");

    /** A new folder under {@code java.io.tmpdir}. */
    public static Path createDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The absolute path, to go into a filter option as it is; a path with characters that would need filtergraph
     * escaping is refused with the caller's exception instead.
     */
    public static String filterPath(Path path, Function<String, ? extends RuntimeException> refusal) {
        String absolute = path.toAbsolutePath().toString();
        if (!FILTER_SAFE.matcher(absolute).matches()) {
            throw refusal.apply("temporary directory path is not filtergraph-safe: " + absolute
                    + " (set java.io.tmpdir to a plain path)");
        }
        return absolute;
    }

    /** The file's lines, none if ffmpeg wrote no file. */
    public static List<String> readLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    private ScratchFiles() {
    }
}
