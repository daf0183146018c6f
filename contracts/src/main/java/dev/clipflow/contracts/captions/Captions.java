package dev.clipflow.contracts.captions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A job's or a clip's captions: cues in time order. */
public record Captions(List<Cue> cues) {

    /** The longest cue text a word list is grouped into; about two lines on a phone. */
    static final int MAX_GROUPED_CHARS = 42;
    static final double MAX_GROUPED_SECONDS = 4.0;
    /** A pause this long between words starts a new cue. */
    static final double PAUSE_SECONDS = 0.8;

    public Captions {
        cues = cues == null ? List.of()
                : cues.stream().filter(c -> !c.text().isEmpty()).sorted(Comparator.comparingDouble(Cue::start)).toList();
    }

    public boolean isEmpty() {
        return cues.isEmpty();
    }

    /** The cues overlapping {@code [start, end)} of the source, cut at its edges and shifted to clip time. */
    public Captions forClip(double start, double end) {
        List<Cue> clipped = new ArrayList<>();
        for (Cue cue : cues) {
            if (!cue.overlaps(start, end)) {
                continue;
            }
            List<Word> words = cue.words().stream().filter(w -> w.end() > start && w.start() < end)
                    .map(w -> w.shifted(start, end)).toList();
            // A cue with word times keeps only the words inside the clip; one without keeps its whole text.
            String text = cue.words().isEmpty() ? cue.text()
                    : words.stream().map(Word::text).collect(Collectors.joining(" "));
            clipped.add(new Cue(Math.max(cue.start(), start) - start, Math.min(cue.end(), end) - start, text, words));
        }
        return new Captions(clipped);
    }

    /** Every cue's text, one after the other. */
    public String text() {
        return cues.stream().map(Cue::text).map(t -> t.replace('\n', ' ')).collect(Collectors.joining(" "));
    }

    /** Every word with a time (see {@link Cue#timedWords()}). */
    public List<Word> words() {
        return cues.stream().flatMap(c -> c.timedWords().stream()).toList();
    }

    /**
     * Groups timed words into cues the way subtitles are read: a new cue after a sentence end, a pause,
     * or when the cue would grow past about two lines or four seconds.
     */
    public static Captions fromWords(List<Word> words) {
        List<Cue> cues = new ArrayList<>();
        List<Word> current = new ArrayList<>();
        int chars = 0;
        for (Word word : words) {
            if (word.text().isEmpty()) {
                continue;
            }
            if (!current.isEmpty()) {
                Word last = current.get(current.size() - 1);
                boolean full = chars + 1 + word.text().length() > MAX_GROUPED_CHARS
                        || word.end() - current.get(0).start() > MAX_GROUPED_SECONDS;
                if (full || endsSentence(last.text()) || word.start() - last.end() >= PAUSE_SECONDS) {
                    cues.add(cueOf(current));
                    current = new ArrayList<>();
                    chars = 0;
                }
            }
            current.add(word);
            chars += (chars == 0 ? 0 : 1) + word.text().length();
        }
        if (!current.isEmpty()) {
            cues.add(cueOf(current));
        }
        return new Captions(cues);
    }

    public static boolean endsSentence(String text) {
        String t = text.strip();
        return !t.isEmpty() && ".!?…。！？".indexOf(t.charAt(t.length() - 1)) >= 0;
    }

    private static Cue cueOf(List<Word> words) {
        String text = words.stream().map(Word::text).collect(Collectors.joining(" "));
        return new Cue(words.get(0).start(), words.get(words.size() - 1).end(), text, words);
    }
}
