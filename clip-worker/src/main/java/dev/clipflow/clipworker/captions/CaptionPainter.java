package dev.clipflow.clipworker.captions;

import dev.clipflow.contracts.captions.Cue;
import dev.clipflow.contracts.captions.Word;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws captions as images for ffmpeg's {@code overlay}: bold white text with a dark outline on a
 * translucent box, at most two lines a page (a longer cue is shown as several pages, its time shared
 * out by their length), centred and inside the area the platforms leave free (above their bottom
 * controls, away from the side buttons). The text size follows the frame. Java2D lays the text out: it
 * wraps at word boundaries (between characters in CJK, inside a word that is wider than a line), orders
 * right-to-left scripts and shapes Arabic; each character is drawn with the first of the
 * {@link CaptionFonts} that has it.
 */
public final class CaptionPainter {

    static final Color TEXT = Color.WHITE;
    /** The spoken word in {@code karaoke} style. */
    public static final Color HIGHLIGHT = new Color(0xFF, 0xD4, 0x00);
    private static final Color BOX = new Color(0, 0, 0, 150);
    private static final Color OUTLINE = new Color(0, 0, 0, 230);
    private static final int LINES_PER_PAGE = 2;

    private final CaptionFonts fonts;

    public CaptionPainter(CaptionFonts fonts) {
        this.fonts = fonts;
    }

    /** One image and where and when it is shown, in clip seconds. */
    public record Painted(BufferedImage image, int x, int y, double start, double end) {
    }

    /** The images of one cue: a page at a time, or (karaoke) a page per spoken word with that word highlighted. */
    public List<Painted> paint(Cue cue, int frameWidth, int frameHeight, boolean karaoke) {
        String text = normalized(cue.text());
        if (text.isEmpty() || cue.end() <= cue.start()) {
            return List.of();
        }
        Frame frame = new Frame(frameWidth, frameHeight);
        List<int[]> pages = pages(layout(text, frame, null));
        List<Painted> painted = new ArrayList<>();
        if (!karaoke) {
            double at = cue.start();
            for (int p = 0; p < pages.size(); p++) {
                int[] page = pages.get(p);
                double share = (double) (page[1] - page[0]) / text.length();
                double end = p == pages.size() - 1 ? cue.end() : at + (cue.end() - cue.start()) * share;
                painted.add(place(draw(layout(text, frame, null), page), frame, at, end));
                at = end;
            }
            return painted;
        }
        List<Word> words = cue.timedWords();
        List<int[]> ranges = wordRanges(text, words);
        for (int w = 0; w < words.size(); w++) {
            int[] range = ranges.get(w);
            int[] page = pages.stream().filter(p -> range[0] >= p[0] && range[0] < p[1]).findFirst()
                    .orElse(pages.get(pages.size() - 1));
            double start = w == 0 ? cue.start() : words.get(w).start();
            double end = w == words.size() - 1 ? cue.end() : words.get(w + 1).start();
            if (end > start) {
                painted.add(place(draw(layout(text, frame, range), page), frame, start, end));
            }
        }
        return painted;
    }

    /** Lines of the cue at the frame's caption size: each with its character range. */
    private List<Line> layout(String text, Frame frame, int[] highlight) {
        AttributedString styled = new AttributedString(text);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            Font font = fonts.forCodePoint(Character.isWhitespace(cp) ? 'a' : cp);
            int j = i + Character.charCount(cp);
            while (j < text.length()) {
                int next = text.codePointAt(j);
                if (!Character.isWhitespace(next) && fonts.forCodePoint(next) != font) {
                    break;
                }
                j += Character.charCount(next);
            }
            styled.addAttribute(TextAttribute.FONT, font.deriveFont(frame.fontSize()), i, j);
            i = j;
        }
        styled.addAttribute(TextAttribute.FOREGROUND, TEXT);
        if (highlight != null) {
            styled.addAttribute(TextAttribute.FOREGROUND, HIGHLIGHT, highlight[0], highlight[1]);
        }
        LineBreakMeasurer measurer = new LineBreakMeasurer(styled.getIterator(), frame.renderContext());
        List<Line> lines = new ArrayList<>();
        while (measurer.getPosition() < text.length()) {
            int from = measurer.getPosition();
            TextLayout line = measurer.nextLayout(frame.wrapWidth());
            lines.add(new Line(line, from, measurer.getPosition()));
        }
        return lines;
    }

    private record Line(TextLayout layout, int from, int to) {
    }

    /** Pages of at most two lines, as character ranges. */
    private static List<int[]> pages(List<Line> lines) {
        List<int[]> pages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += LINES_PER_PAGE) {
            Line last = lines.get(Math.min(lines.size(), i + LINES_PER_PAGE) - 1);
            pages.add(new int[] {lines.get(i).from(), last.to()});
        }
        return pages;
    }

    private BufferedImage draw(List<Line> all, int[] page) {
        List<TextLayout> lines = all.stream().filter(l -> l.from() >= page[0] && l.to() <= page[1])
                .map(Line::layout).toList();
        float size = lines.get(0).getAscent() + lines.get(0).getDescent();
        int padX = Math.round(size * 0.45f);
        int padY = Math.round(size * 0.2f);
        double width = 0;
        double height = 0;
        for (TextLayout line : lines) {
            width = Math.max(width, line.getVisibleAdvance());
            height += line.getAscent() + line.getDescent() + line.getLeading();
        }
        int w = (int) Math.ceil(width) + 2 * padX;
        int h = (int) Math.ceil(height) + 2 * padY;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setComposite(AlphaComposite.Src);
            g.setColor(BOX);
            g.fill(new RoundRectangle2D.Float(0, 0, w, h, size * 0.5f, size * 0.5f));
            g.setComposite(AlphaComposite.SrcOver);
            float y = padY;
            for (TextLayout line : lines) {
                y += line.getAscent();
                float x = (float) ((w - line.getVisibleAdvance()) / 2);
                Shape outline = line.getOutline(AffineTransform.getTranslateInstance(x, y));
                g.setColor(OUTLINE);
                g.setStroke(new BasicStroke(size * 0.08f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(outline);
                line.draw(g, x, y);
                y += line.getDescent() + line.getLeading();
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Painted place(BufferedImage image, Frame frame, double start, double end) {
        int x = Math.max(0, (frame.width() - image.getWidth()) / 2);
        int y = Math.max(0, frame.captionBottom() - image.getHeight());
        return new Painted(image, x, y, start, end);
    }

    /** Where each word is in the cue's text: found in order, else the word's place among the spaces. */
    private static List<int[]> wordRanges(String text, List<Word> words) {
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        for (Word word : words) {
            int at = word.text().isEmpty() ? -1 : text.indexOf(word.text(), from);
            if (at < 0) {
                int end = text.indexOf(' ', from);
                end = end < 0 ? text.length() : end;
                ranges.add(new int[] {Math.min(from, end), end});
                from = Math.min(text.length(), end + 1);
            } else {
                ranges.add(new int[] {at, at + word.text().length()});
                from = at + word.text().length();
            }
        }
        return ranges;
    }

    static String normalized(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** The caption metrics of a frame size. */
    private record Frame(int width, int height) {
        float fontSize() {
            return Math.max(16f, Math.min(width, height) * 0.06f);
        }

        /** Lines wrap inside the middle 80 % of the frame (the side buttons of the platforms stay clear). */
        float wrapWidth() {
            return width * 0.8f - fontSize() * 0.9f;
        }

        /** The bottom of the caption box: above the platforms' controls and description in a vertical frame. */
        int captionBottom() {
            return Math.round(height * (height > width ? 0.76f : 0.9f));
        }

        FontRenderContext renderContext() {
            return new FontRenderContext(null, true, true);
        }
    }
}
