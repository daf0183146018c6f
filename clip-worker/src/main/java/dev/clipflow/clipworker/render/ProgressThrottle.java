package dev.clipflow.clipworker.render;

import java.util.function.IntConsumer;

/** Passes on a percentage only when it changed and at most once per interval (and always 100). */
public final class ProgressThrottle {

    private final IntConsumer target;
    private final long intervalNanos;
    private long lastSentAt;
    private int lastPercent = -1;

    public ProgressThrottle(IntConsumer target, long intervalMillis) {
        this.target = target;
        this.intervalNanos = intervalMillis * 1_000_000;
        this.lastSentAt = System.nanoTime() - intervalNanos;
    }

    public synchronized void offer(int percent) {
        int clamped = Math.max(0, Math.min(100, percent));
        long now = System.nanoTime();
        if (clamped > lastPercent && (clamped == 100 || now - lastSentAt >= intervalNanos)) {
            lastPercent = clamped;
            lastSentAt = now;
            target.accept(clamped);
        }
    }
}
