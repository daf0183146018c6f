package dev.clipflow.clipworker.captions;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The fonts captions are drawn with, in the order a character looks for one that has it: Noto Sans (Latin,
 * Cyrillic, Greek), Noto Sans Arabic, Noto Sans Hebrew, Noto Sans CJK SC (Chinese, Japanese, Korean). All
 * under the SIL Open Font License, from Debian's {@code fonts-noto-core} and {@code fonts-noto-cjk}, found
 * under {@code CAPTIONS_FONT_DIR}. Where none is found, Java's own sans-serif font stands in.
 */
public final class CaptionFonts {

    private static final Logger LOG = Logger.getLogger(CaptionFonts.class);
    /** File name, and the face to take from it when it is a collection. */
    private static final List<String[]> WANTED = List.of(
            new String[] {"NotoSans-Bold.ttf", null},
            new String[] {"NotoSansArabic-Bold.ttf", null},
            new String[] {"NotoSansHebrew-Bold.ttf", null},
            new String[] {"NotoSansCJK-Bold.ttc", "Noto Sans CJK SC Bold"});

    private final List<Font> chain;

    CaptionFonts(List<Font> chain) {
        this.chain = List.copyOf(chain);
    }

    /** The fonts found under {@code dir} (searched recursively). */
    public static CaptionFonts find(Path dir) {
        List<Font> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String[] wanted : WANTED) {
            Optional<Font> font = locate(dir, wanted[0]).map(file -> load(file, wanted[1]));
            font.ifPresentOrElse(found::add, () -> missing.add(wanted[0]));
        }
        if (!missing.isEmpty()) {
            LOG.warnf("caption fonts %s are not under %s (install fonts-noto-core and fonts-noto-cjk, or set "
                    + "CAPTIONS_FONT_DIR): captions in those scripts may show empty boxes", missing, dir);
        }
        found.add(new Font(Font.SANS_SERIF, Font.BOLD, 1));
        return new CaptionFonts(found);
    }

    /** The first font of the chain that can draw {@code codePoint}, else the first one. */
    public Font forCodePoint(int codePoint) {
        for (Font font : chain) {
            if (font.canDisplay(codePoint)) {
                return font;
            }
        }
        return chain.get(0);
    }

    public List<Font> chain() {
        return chain;
    }

    private static Optional<Path> locate(Path dir, String fileName) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir, 6)) {
            return files.filter(f -> f.getFileName().toString().equals(fileName)).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Font load(Path file, String face) {
        try {
            Font[] fonts = Font.createFonts(file.toFile());
            for (Font font : fonts) {
                if (face == null || font.getFontName().equals(face)) {
                    return font;
                }
            }
            return fonts[0];
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("cannot read the caption font " + file + ": " + e.getMessage(), e);
        }
    }
}
