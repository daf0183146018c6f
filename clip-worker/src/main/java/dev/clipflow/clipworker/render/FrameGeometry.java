package dev.clipflow.clipworker.render;

import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.reframe.CameraPath;
import dev.clipflow.clipworker.reframe.CropWindow;
import dev.clipflow.clipworker.reframe.Framing;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The step of a clip's {@link FilterGraph} that fits the source into the output frame without distortion. */
public final class FrameGeometry {

    /**
     * Frame boundaries are written this much early: frames are at least 1/60 s apart, so a boundary falls
     * between the frame before it and the frame at it, whatever the rounding.
     */
    private static final double BOUNDARY_LEAD = 0.004;

    /** Output frame size: the format's, or the source's rounded down to even numbers for yuv420p. */
    public static int[] outputSize(OutputFormat format, ProbedMedia media) {
        if (format == OutputFormat.ORIGINAL) {
            return new int[] {media.width() & ~1, media.height() & ~1};
        }
        return new int[] {format.width(), format.height()};
    }

    public static void fit(FilterGraph graph, OutputFormat format, Framing framing, ProbedMedia media) {
        int[] size = outputSize(format, media);
        int w = size[0];
        int h = size[1];
        Optional<CropWindow> window = CropWindow.of(format, media);
        if (window.isEmpty()) {
            double sourceAspect = (double) media.width() / media.height();
            double targetAspect = (double) w / h;
            boolean sameShape = Math.abs(sourceAspect - targetAspect) / targetAspect < 0.01;
            graph.video(format == OutputFormat.HORIZONTAL && !sameShape
                    ? "scale=%d:%d:force_original_aspect_ratio=decrease,pad=%d:%d:(ow-iw)/2:(oh-ih)/2:black".formatted(w, h, w, h)
                    : "scale=%d:%d".formatted(w, h));
        } else if (framing.layout() == FrameLayout.CROP) {
            // The window cut at source resolution, then scaled: scaling the whole frame up first (to 3413x1920 for a
            // 1080p source made vertical) gives the same picture for 8-16 % more of the render's CPU.
            graph.video("crop=%d:%d,scale=%d:%d".formatted(window.get().width(), window.get().height(), w, h));
        } else if (framing.layout() == FrameLayout.TRACK) {
            tracked(graph, framing.path(), w, h);
        } else {
            graph.video(blurred(w, h, ""));
        }
    }

    /**
     * The window of the camera path, cut at source resolution and scaled to the frame; over the blurred
     * picture, shown only while the path follows a face, when it does not follow one throughout.
     */
    private static void tracked(FilterGraph graph, CameraPath path, int w, int h) {
        String crop = String.format(Locale.ROOT, "crop=w=%d:h=%d:x='%s':y='%s',scale=%d:%d", path.cropWidth(),
                path.cropHeight(), position(path, CameraPath.Key::x), position(path, CameraPath.Key::y), w, h);
        if (path.followsThroughout()) {
            graph.video(crop);
            return;
        }
        List<String> shown = new ArrayList<>();
        for (CameraPath.Follow follow : path.follows()) {
            shown.add(String.format(Locale.ROOT, "between(t,%.4f,%.4f)", follow.start() - BOUNDARY_LEAD,
                    follow.end() - BOUNDARY_LEAD));
        }
        graph.video("split=2[tofallback][tofollow];[tofallback]" + blurred(w, h, "fallback") + "[fallback];[tofollow]" + crop
                + "[followed];[fallback][followed]overlay=enable='" + String.join("+", shown) + "'");
    }

    /**
     * A piecewise-linear expression of {@code t}: between a stretch's keys the window moves in a straight
     * line; between stretches (blurred, so unseen) and after the last it holds.
     */
    static String position(CameraPath path, ToDoubleFunction<CameraPath.Key> axis) {
        List<double[]> pieces = new ArrayList<>(); // from, value at from, slope
        for (CameraPath.Follow follow : path.follows()) {
            List<CameraPath.Key> keys = follow.keys();
            for (int i = 0; i < keys.size(); i++) {
                CameraPath.Key key = keys.get(i);
                double from = i == 0 ? follow.start() : key.t();
                double slope = 0;
                if (i + 1 < keys.size()) {
                    CameraPath.Key next = keys.get(i + 1);
                    slope = next.t() > key.t() ? (axis.applyAsDouble(next) - axis.applyAsDouble(key)) / (next.t() - key.t()) : 0;
                }
                pieces.add(new double[] {from, axis.applyAsDouble(key) - slope * (key.t() - from), slope});
            }
        }
        boolean still = pieces.stream().allMatch(p -> p[2] == 0 && Math.abs(p[1] - pieces.get(0)[1]) < 0.5);
        if (still) {
            return number(pieces.get(0)[1]);
        }
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            double[] p = pieces.get(i);
            String when = (i == 0 ? "" : String.format(Locale.ROOT, "gte(t,%.4f)*", p[0] - BOUNDARY_LEAD))
                    + (i + 1 == pieces.size() ? "" : String.format(Locale.ROOT, "lt(t,%.4f)*", pieces.get(i + 1)[0] - BOUNDARY_LEAD));
            String value = p[2] == 0 ? number(p[1])
                    : String.format(Locale.ROOT, "(%s+%.4f*(t-%.4f))", number(p[1]), p[2], p[0]);
            terms.add(when + value);
        }
        return String.join("+", terms);
    }

    /** The picture fitted over a blurred, filled copy of itself; {@code prefix} keeps its labels unique. */
    private static String blurred(int w, int h, String prefix) {
        // Blur a small copy: as soft as a full-size boxblur at a fraction of the cost.
        int bw = even(w / 8);
        int bh = even(h / 8);
        return String.format(Locale.ROOT,
                "split=2[%1$sbg][%1$sfg];"
                        + "[%1$sbg]scale=%2$d:%3$d:force_original_aspect_ratio=increase,crop=%2$d:%3$d,boxblur=8:2,scale=%4$d:%5$d[%1$sblurred];"
                        + "[%1$sfg]scale=%4$d:%5$d:force_original_aspect_ratio=decrease[%1$sfitted];"
                        + "[%1$sblurred][%1$sfitted]overlay=(W-w)/2:(H-h)/2",
                prefix, bw, bh, w, h);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static int even(int value) {
        return Math.max(2, value & ~1);
    }

    private FrameGeometry() {
    }
}
