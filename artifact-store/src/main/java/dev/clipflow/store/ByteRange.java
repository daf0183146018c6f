package dev.clipflow.store;

/** An inclusive byte range, as in HTTP {@code Range: bytes=first-last}. */
public record ByteRange(long first, long last) {
    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid byte range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }
}
