package dev.clipflow.contracts.captions;

final class CueTimes {

    static void check(double start, double end) {
        if (!(start >= 0) || !(end >= start) || Double.isInfinite(end)) {
            throw new IllegalArgumentException("a caption needs 0 <= start <= end, got " + start + ".." + end);
        }
    }

    private CueTimes() {
    }
}
