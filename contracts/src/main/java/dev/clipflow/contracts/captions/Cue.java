package dev.clipflow.contracts.captions;

import java.util.List;

/**
 * One caption shown from {@code start} to {@code end} seconds. {@code words} carries each word's own
 * timing when the source had it (a word list or a transcript), else it is empty.
 */
public record Cue(double start, double end, String text, List<Word> words) {
    public Cue {
        CueTimes.check(start, end);
        text = text == null ? "" : text.strip();
        words = words == null ? List.of() : List.copyOf(words);
    }

    public Cue(double start, double end, String text) {
        this(start, end, text, List.of());
    }

    public boolean overlaps(double from, double to) {
        return start < to && end > from;
    }

    /** Each word with a time: its own when known, else the cue's time shared out by word length. */
    public List<Word> timedWords() {
        if (!words.isEmpty()) {
            return words;
        }
        String[] parts = text.split("\\s+");
        int letters = 0;
        for (String part : parts) {
            letters += part.length();
        }
        double perLetter = (end - start) / Math.max(1, letters);
        double at = start;
        java.util.ArrayList<Word> timed = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            double next = i == parts.length - 1 ? end : Math.min(end, at + parts[i].length() * perLetter);
            timed.add(new Word(at, Math.max(at, next), parts[i]));
            at = next;
        }
        return List.copyOf(timed);
    }
}
