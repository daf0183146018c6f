package dev.clipflow.contracts.captions;

/** A captions file that cannot be read; {@code line} is 1-based. */
public class CaptionParseException extends RuntimeException {

    private final int line;

    public CaptionParseException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
