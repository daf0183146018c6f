package dev.clipflow.contracts.captions;

/** One spoken word, in seconds. */
public record Word(double start, double end, String text) {
    public Word {
        CueTimes.check(start, end);
        text = text == null ? "" : text.strip();
    }

    Word shifted(double from, double to) {
        return new Word(Math.max(start, from) - from, Math.min(end, to) - from, text);
    }
}
