package dev.clipflow.clipworker.reframe;

import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.contracts.OutputFormat;
import java.util.Optional;

/**
 * The largest window of the output's shape inside the source frame, even-sized for yuv420p: what a
 * {@code crop} or {@code track} layout cuts out before scaling. Only vertical and square frames from a source
 * of another shape have one; {@code horizontal} pads and {@code original} keeps the source's shape.
 */
public record CropWindow(int width, int height, int sourceWidth, int sourceHeight) {

    /** Shapes closer than this (relative) count as the same. */
    private static final double SAME_SHAPE = 0.01;

    public static Optional<CropWindow> of(OutputFormat format, ProbedMedia media) {
        if (format == OutputFormat.ORIGINAL || format == OutputFormat.HORIZONTAL) {
            return Optional.empty();
        }
        double target = (double) format.width() / format.height();
        double source = (double) media.width() / media.height();
        if (Math.abs(source - target) / target < SAME_SHAPE) {
            return Optional.empty();
        }
        int width = media.width() & ~1;
        int height = media.height() & ~1;
        if (source > target) {
            width = Math.min(width, (int) Math.round(media.height() * target) & ~1);
        } else {
            height = Math.min(height, (int) Math.round(media.width() / target) & ~1);
        }
        return Optional.of(new CropWindow(width, height, media.width(), media.height()));
    }

    public int maxX() {
        return sourceWidth - width;
    }

    public int maxY() {
        return sourceHeight - height;
    }
}
