package dev.clipflow.clipworker.reframe;

import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides each clip's {@link Framing}: {@code blur} and {@code crop} as asked; {@code track} follows the faces
 * found in the clip ({@code blur} where there are none); {@code auto} tracks when a face was tracked in at least
 * {@link ReframeSettings#autoMinShare()} of the analysed frames, else blurs (also when the analysis fails). Formats that need no layout get
 * none, and nothing is analysed for them.
 */
public final class Reframer {

    private static final Logger LOG = Logger.getLogger(Reframer.class);

    private final FaceAnalysis analysis;
    private final CameraPlanner planner;
    private final ReframeSettings settings;

    public Reframer(FaceAnalysis analysis, ReframeSettings settings) {
        this.analysis = analysis;
        this.planner = new CameraPlanner(settings.fps());
        this.settings = settings;
    }

    /** The worker's reframer with the default settings. */
    public static Reframer withDefaults(Path ffmpeg, ProcessRunner runner) {
        return new Reframer(new FaceAnalysis(ffmpeg, runner, ReframeSettings.DEFAULT), ReframeSettings.DEFAULT);
    }

    public Framing frame(FrameLayout layout, OutputFormat format, Path source, ProbedMedia media, double start,
            double duration) {
        Optional<CropWindow> window = CropWindow.of(format, media);
        if (window.isEmpty()) {
            return Framing.NONE;
        }
        if (layout == FrameLayout.BLUR || layout == FrameLayout.CROP) {
            return Framing.fixed(layout);
        }
        FaceSamples faces;
        try {
            faces = analysis.analyse(source, media, start, duration);
        } catch (FaceAnalysisException e) {
            if (layout != FrameLayout.AUTO || Thread.currentThread().isInterrupted()) {
                throw e;
            }
            // auto is the default: a clip whose analysis fails is still made, framed as it was before tracking.
            LOG.warnf("face analysis of the clip at %.3f s of %s failed, the clip is blurred instead: %s", start,
                    source.getFileName(), e.getMessage());
            return Framing.fixed(FrameLayout.BLUR);
        }
        CameraPath path = planner.plan(faces, window.get(), duration);
        boolean follow = !path.follows().isEmpty()
                && (layout == FrameLayout.TRACK || path.trackedShare() >= settings.autoMinShare());
        double share = Math.round(path.trackedShare() * 1000) / 1000.0;
        return follow ? new Framing(FrameLayout.TRACK, path, share) : new Framing(FrameLayout.BLUR, null, share);
    }

    /** Loads the face detector once, so a worker that could not track faces does not start. */
    public void verify() {
        new FaceDetector(64, 64).close();
    }
}
