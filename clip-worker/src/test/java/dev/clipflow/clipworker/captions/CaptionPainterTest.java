package dev.clipflow.clipworker.captions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.captions.Cue;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionPainterTest {

    private static final CaptionFonts FONTS = CaptionFonts.find(Path.of("/usr/share/fonts"));
    private final CaptionPainter painter = new CaptionPainter(FONTS);

    @Test
    void aLongCueIsShownAsPagesOfAtMostTwoLinesThatShareItsTime() {
        String text = "this caption is far too long to fit on two lines of a vertical phone frame so it has to be "
                + "split into several pages that follow each other while the cue lasts";
        List<CaptionPainter.Painted> pages = painter.paint(new Cue(10, 16, text), 1080, 1920, false);

        assertThat(pages).hasSizeGreaterThan(1);
        int lineHeight = (int) (1080 * 0.06 * 1.45);
        for (CaptionPainter.Painted page : pages) {
            assertThat(page.image().getHeight()).as("two lines at most").isLessThan(lineHeight * 2 + lineHeight / 2);
            assertThat(page.y() + page.image().getHeight()).as("above the platforms' bottom controls")
                    .isLessThanOrEqualTo((int) (1920 * 0.76) + 1);
        }
        assertThat(pages.get(0).start()).isEqualTo(10);
        assertThat(pages.get(pages.size() - 1).end()).isEqualTo(16);
        for (int i = 1; i < pages.size(); i++) {
            assertThat(pages.get(i).start()).isEqualTo(pages.get(i - 1).end());
        }
    }

    @Test
    void aWordWiderThanTheFrameIsBrokenInsteadOfOverflowing() {
        String word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenpensionsversicherung";
        List<CaptionPainter.Painted> pages = painter.paint(new Cue(0, 2, word), 1080, 1920, false);
        for (CaptionPainter.Painted page : pages) {
            assertThat(page.x()).isGreaterThanOrEqualTo((int) (1080 * 0.09));
            assertThat(page.x() + page.image().getWidth()).isLessThanOrEqualTo((int) (1080 * 0.91));
        }
    }

    @Test
    void cjkArabicHebrewGreekAndCyrillicAreDrawnWithGlyphsOfTheirOwnNotNotdefBoxes() {
        for (String text : List.of("字幕测试 日本語のテキスト 한국어", "مرحبا بالعالم", "שלום עולם", "Καλημέρα κόσμε",
                "Привет мир")) {
            FontRenderContext frc = new FontRenderContext(null, true, true);
            for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
                int cp = text.codePointAt(i);
                if (Character.isWhitespace(cp)) {
                    continue;
                }
                Font font = FONTS.forCodePoint(cp);
                assertThat(font.getFamily()).as("font of U+%04X", cp).startsWith("Noto");
                GlyphVector glyphs = font.createGlyphVector(frc, Character.toChars(cp));
                assertThat(glyphs.getGlyphCode(0)).as("glyph of U+%04X in %s", cp, font.getFontName())
                        .isNotEqualTo(font.getMissingGlyphCode());
            }
            assertThat(inkPixels(painter.paint(new Cue(0, 1, text), 1080, 1920, false).get(0).image()))
                    .as("ink of '%s'", text).isGreaterThan(500);
        }
    }

    @Test
    void rightToLeftTextStartsAtTheRight() {
        // The first word of a Hebrew or Arabic cue, highlighted, must be on the right half of the caption.
        for (String text : List.of("שלום עולם יפה", "مرحبا بالعالم الجميل")) {
            CaptionPainter.Painted firstWord = painter.paint(new Cue(0, 3, text), 1080, 1920, true).get(0);
            double[] highlight = BurnedCaptionsTest.highlightCentre(firstWord.image());
            assertThat(highlight[0]).as("highlighted pixels in '%s'", text).isGreaterThan(100);
            assertThat(highlight[1]).as("first word of '%s'", text).isGreaterThan(firstWord.image().getWidth() / 2.0);
        }
        CaptionPainter.Painted latin = painter.paint(new Cue(0, 3, "hello big world"), 1080, 1920, true).get(0);
        assertThat(BurnedCaptionsTest.highlightCentre(latin.image())[1]).isLessThan(latin.image().getWidth() / 2.0);
    }

    private static long inkPixels(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xff) > 200 && (rgb >> 8 & 0xff) > 200 && (rgb & 0xff) > 200) {
                    ink++;
                }
            }
        }
        return ink;
    }
}
