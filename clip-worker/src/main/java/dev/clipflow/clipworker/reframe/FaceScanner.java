package dev.clipflow.clipworker.reframe;

import java.util.List;

/**
 * The faces in the successive analysed frames of one clip, for a fraction of the cost of searching every whole
 * frame: where faces were seen, only the region around them is searched, for faces of about their size. The
 * whole frame is searched every {@link #FULL_SCAN_EVERY} frames (so someone who comes into view is found that
 * late at most) and once no face has been seen for more than {@link #HELD_MISSES} frames. Not thread-safe: one
 * per analysis.
 */
public final class FaceScanner implements AutoCloseable {

    /** At the worker's 2 analysed frames a second, every 2 s. */
    static final int FULL_SCAN_EVERY = 4;
    /**
     * Frames in a row in which the faces may go unseen before the whole frame is searched again: the detector
     * misses a face now and then, and {@link CameraPlanner} follows through gaps of a second.
     */
    static final int HELD_MISSES = 2;
    /**
     * Around the faces last seen, in face widths on each side, and one more for each frame since: a walking
     * speaker moves up to about a face width between two analysed frames (as {@link CameraPlanner} links them).
     */
    static final double MARGIN = 1.5;
    /** The region search looks for faces from this share of the smallest face seen to its inverse times the largest. */
    static final double SIZE_CHANGE = 0.6;

    private final FaceDetector detector;
    private final int width;
    private final int height;
    private List<Face> seen = List.of();
    private int misses;
    private int sinceFullScan;
    private int fullScans;

    public FaceScanner(int width, int height) {
        this.detector = new FaceDetector(width, height);
        this.width = width;
        this.height = height;
    }

    /** The faces in the next {@code width x height} 8-bit grey frame of the clip, in its pixels. */
    public List<Face> next(byte[] grey) {
        List<Face> found = seen.isEmpty() || ++sinceFullScan >= FULL_SCAN_EVERY ? fullScan(grey) : aroundSeen(grey);
        if (!found.isEmpty()) {
            seen = found;
            misses = 0;
        } else if (++misses > HELD_MISSES) {
            seen = List.of();
        }
        return found;
    }

    /** How many of the frames so far were searched whole. */
    public int fullScans() {
        return fullScans;
    }

    private List<Face> fullScan(byte[] grey) {
        sinceFullScan = 0;
        fullScans++;
        return detector.detect(grey);
    }

    private List<Face> aroundSeen(byte[] grey) {
        double left = width;
        double top = height;
        double right = 0;
        double bottom = 0;
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (Face face : seen) {
            left = Math.min(left, face.x());
            top = Math.min(top, face.y());
            right = Math.max(right, face.x() + face.width());
            bottom = Math.max(bottom, face.y() + face.height());
            smallest = Math.min(smallest, face.width());
            largest = Math.max(largest, face.width());
        }
        double margin = (MARGIN + misses) * largest;
        int x = (int) Math.max(0, Math.floor(left - margin));
        int y = (int) Math.max(0, Math.floor(top - margin));
        int w = (int) Math.min(width, Math.ceil(right + margin)) - x;
        int h = (int) Math.min(height, Math.ceil(bottom + margin)) - y;
        return detector.detect(grey, x, y, w, h, (int) Math.floor(smallest * SIZE_CHANGE),
                (int) Math.ceil(Math.min(Math.min(w, h), largest / SIZE_CHANGE)));
    }

    @Override
    public void close() {
        detector.close();
    }
}
