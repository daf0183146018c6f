package dev.clipflow.clipworker.render;

import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import java.util.Locale;

/** The step of a clip's {@link FilterGraph} that fits the source into the output frame without distortion. */
public final class FrameGeometry {

    /** Output frame size: the format's, or the source's rounded down to even numbers for yuv420p. */
    public static int[] outputSize(OutputFormat format, ProbedMedia media) {
        if (format == OutputFormat.ORIGINAL) {
            return new int[] {media.width() & ~1, media.height() & ~1};
        }
        return new int[] {format.width(), format.height()};
    }

    public static void fit(FilterGraph graph, OutputFormat format, FrameLayout layout, ProbedMedia media) {
        int[] size = outputSize(format, media);
        int w = size[0];
        int h = size[1];
        String fit;
        double sourceAspect = (double) media.width() / media.height();
        double targetAspect = (double) w / h;
        if (format == OutputFormat.ORIGINAL || Math.abs(sourceAspect - targetAspect) / targetAspect < 0.01) {
            fit = "scale=%d:%d".formatted(w, h);
        } else if (format == OutputFormat.HORIZONTAL) {
            fit = "scale=%d:%d:force_original_aspect_ratio=decrease,pad=%d:%d:(ow-iw)/2:(oh-ih)/2:black"
                    .formatted(w, h, w, h);
        } else if (layout == FrameLayout.CROP) {
            fit = "scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d".formatted(w, h, w, h);
        } else {
            // Blur a small copy: as soft as a full-size boxblur at a fraction of the cost.
            int bw = even(w / 8);
            int bh = even(h / 8);
            fit = String.format(Locale.ROOT,
                    "split=2[bg][fg];"
                            + "[bg]scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d,boxblur=8:2,scale=%d:%d[blurred];"
                            + "[fg]scale=%d:%d:force_original_aspect_ratio=decrease[fitted];"
                            + "[blurred][fitted]overlay=(W-w)/2:(H-h)/2",
                    bw, bh, bw, bh, w, h, w, h);
        }
        graph.video(fit);
    }

    private static int even(int value) {
        return Math.max(2, value & ~1);
    }

    private FrameGeometry() {
    }
}
