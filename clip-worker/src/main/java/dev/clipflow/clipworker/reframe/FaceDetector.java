package dev.clipflow.clipworker.reframe;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.setNumThreads;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Frontal faces in small grey frames, with a Haar cascade that ships in {@code org.bytedeco:opencv} (its jar
 * has no DNN face model). {@code alt2} rather than {@code default}: on 426x240 frames it needs 60-75 % of the CPU
 * time (most on grainy backgrounds, where {@code default} evaluates deep into its stages) and finds the same
 * faces. Not thread-safe: one per analysis.
 */
public final class FaceDetector implements AutoCloseable {

    private static final String CASCADE = "/org/bytedeco/opencv/" + Loader.getPlatform()
            + "/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml";
    /** The cascade's own window: smaller faces cannot be found. */
    private static final int SMALLEST_FACE = 24;
    /** Each pyramid level 20 % smaller: a third of the work of the usual 5 %, and faces found alike at this size. */
    private static final double SCALE_STEP = 1.2;
    /** Overlapping hits a face needs (alt2 gives fewer per face than default); fewer lets textures through. */
    private static final int MIN_NEIGHBOURS = 3;

    static {
        // The analysis searches frames beside ffmpeg's decode, which keeps both cores busy: OpenCV's own thread
        // pool there took about 15 % more CPU time for the same frames, and no less wall time.
        setNumThreads(1);
    }

    private final CascadeClassifier classifier;
    private final int width;
    private final int height;
    private final BytePointer pixels;
    private final Mat frame;

    public FaceDetector(int width, int height) {
        String cascade;
        try {
            cascade = Loader.cacheResource(FaceDetector.class, CASCADE).getAbsolutePath();
        } catch (Exception e) {
            throw new IllegalStateException("the OpenCV face cascade " + CASCADE + " cannot be read: " + e.getMessage(), e);
        }
        this.classifier = new CascadeClassifier(cascade);
        if (classifier.empty()) {
            throw new IllegalStateException("the OpenCV face cascade " + cascade + " did not load");
        }
        this.width = width;
        this.height = height;
        this.pixels = new BytePointer((long) width * height);
        this.frame = new Mat(height, width, CV_8UC1, pixels);
    }

    /** The faces in one {@code width x height} 8-bit grey frame, in its pixels. */
    public List<Face> detect(byte[] grey) {
        return detect(grey, 0, 0, width, height, SMALLEST_FACE, height);
    }

    /**
     * The faces {@code smallest} to {@code largest} pixels wide within one region of the frame, in the frame's
     * pixels: a region holds fewer windows and a narrower size range fewer pyramid levels.
     */
    public List<Face> detect(byte[] grey, int x, int y, int regionWidth, int regionHeight, int smallest, int largest) {
        pixels.put(grey, 0, width * height);
        try (Rect area = new Rect(x, y, regionWidth, regionHeight); Mat region = new Mat(frame, area);
                RectVector found = new RectVector(); Size min = new Size(Math.max(SMALLEST_FACE, smallest), Math.max(SMALLEST_FACE, smallest));
                Size max = new Size(largest, largest)) {
            classifier.detectMultiScale(region, found, SCALE_STEP, MIN_NEIGHBOURS, 0, min, max);
            List<Face> faces = new ArrayList<>((int) found.size());
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                faces.add(new Face(x + r.x(), y + r.y(), r.width(), r.height()));
            }
            return faces;
        }
    }

    @Override
    public void close() {
        frame.close();
        pixels.close();
        classifier.close();
    }
}
