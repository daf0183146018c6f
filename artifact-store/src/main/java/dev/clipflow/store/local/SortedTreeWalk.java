package dev.clipflow.store.local;

import dev.clipflow.store.KeyRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Regular files under a folder in S3 key order (code point order of the whole relative path), one folder
 * read at a time. A folder sorts as its name followed by '/', which gives the same order as comparing the
 * full keys. Symbolic links, and the store's own hidden files ({@code .clipflow-*}), are skipped.
 */
final class SortedTreeWalk implements Iterator<Path> {

    private record Entry(Path path, String sortName, boolean folder) {
    }

    private static final Comparator<Entry> KEY_ORDER = (a, b) -> compareCodePoints(a.sortName, b.sortName);

    private final Deque<Iterator<Entry>> stack = new ArrayDeque<>();
    private Path next;

    private SortedTreeWalk(Path start, String namePrefix) {
        stack.push(read(start, namePrefix).iterator());
    }

    static Stream<Path> files(Path start, String namePrefix) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new SortedTreeWalk(start, namePrefix),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !stack.isEmpty()) {
            Iterator<Entry> top = stack.peek();
            if (!top.hasNext()) {
                stack.pop();
                continue;
            }
            Entry entry = top.next();
            if (entry.folder) {
                stack.push(read(entry.path, "").iterator());
            } else {
                next = entry.path;
            }
        }
        return next != null;
    }

    @Override
    public Path next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Path result = next;
        next = null;
        return result;
    }

    private static List<Entry> read(Path folder, String namePrefix) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!name.startsWith(namePrefix) || name.startsWith(KeyRules.RESERVED_SEGMENT_PREFIX)) {
                    continue;
                }
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(new Entry(child, name + "/", true));
                } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(new Entry(child, name, false));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of(); // removed while walking
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(KEY_ORDER);
        return entries;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
