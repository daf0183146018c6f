package dev.clipflow.clipworker.reframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/** The camera path from detections alone: a 1280x720 source, a 404x720 window (vertical), at the worker's analysis rate. */
class CameraPlannerTest {

    private static final double FPS = ReframeSettings.DEFAULT.fps(); // the rate the worker analyses at
    private static final CropWindow WINDOW = new CropWindow(404, 720, 1280, 720);
    private final CameraPlanner planner = new CameraPlanner(FPS);

    /** Faces every analysed frame from {@code faces(t)}, for {@code seconds}. */
    private static FaceSamples samples(double seconds, List<Double> cuts, DoubleFunction<List<Face>> faces) {
        List<FaceSamples.Sample> samples = new ArrayList<>();
        for (int i = 0; i < seconds * FPS; i++) {
            samples.add(new FaceSamples.Sample(i / FPS, faces.apply(i / FPS)));
        }
        return new FaceSamples(samples, cuts);
    }

    private static Face faceAt(double centreX) {
        return new Face(centreX - 50, 200, 100, 100);
    }

    /** The window's left edge at {@code t}, as the render's expression gives it. */
    private static double x(CameraPath path, double t) {
        for (CameraPath.Follow f : path.follows()) {
            if (t >= f.start() && t < f.end()) {
                List<CameraPath.Key> keys = f.keys();
                for (int i = 1; i < keys.size(); i++) {
                    if (t <= keys.get(i).t()) {
                        CameraPath.Key a = keys.get(i - 1);
                        CameraPath.Key b = keys.get(i);
                        return a.x() + (t - a.t()) / (b.t() - a.t()) * (b.x() - a.x());
                    }
                }
                return keys.get(keys.size() - 1).x();
            }
        }
        return Double.NaN;
    }

    @Test
    void aSpeakerWhoSwaysALittleGetsOneStillWindowCentredOnThem() {
        // +-6 px of detection jitter around x = 300
        CameraPath path = planner.plan(samples(10, List.of(), t -> List.of(faceAt(300 + 6 * Math.sin(t * 7)))), WINDOW, 10);

        assertThat(path.follows()).singleElement().satisfies(f -> assertThat(f.keys()).hasSize(2));
        assertThat(x(path, 0)).isEqualTo(x(path, 9.9));
        assertThat(x(path, 5) + 202).isCloseTo(300, within(10.0));
        assertThat(path.followsThroughout()).isTrue();
        assertThat(path.trackedShare()).isEqualTo(1.0);
    }

    @Test
    void aWalkingSpeakerIsFollowedNoFasterAndNoMoreSuddenlyThanTheLimits() {
        // walks 300 -> 1000 px between 2 s and 6 s
        CameraPath path = planner.plan(samples(8, List.of(), t -> List.of(faceAt(300 + 175 * Math.max(0, Math.min(4, t - 2))))),
                WINDOW, 8);

        // Over 0.2 s, so the path's 1 px simplification does not read as speed.
        double step = 0.2;
        double previousSpeed = 0;
        for (double t = step; t < 8; t += step) {
            double speed = (x(path, t) - x(path, t - step)) / step;
            assertThat(Math.abs(speed)).isLessThanOrEqualTo(CameraPlanner.MAX_SPEED * 404 + 10);
            assertThat(Math.abs(speed - previousSpeed) / step).isLessThanOrEqualTo(CameraPlanner.MAX_ACCELERATION * 404 + 50);
            previousSpeed = speed;
            double face = 300 + 175 * Math.max(0, Math.min(4, t - 2));
            assertThat(face).as("face centre inside the window at %.2f s", t).isBetween(x(path, t) + 50, x(path, t) + 354);
        }
    }

    @Test
    void atASceneCutTheWindowJumpsToTheNewShotInsteadOfPanning() {
        CameraPath path = planner.plan(samples(6, List.of(3.0), t -> List.of(faceAt(t < 3 ? 250 : 1050))), WINDOW, 6);

        assertThat(path.follows()).hasSize(2);
        assertThat(x(path, 2.9) + 202).isCloseTo(250, within(30.0));
        assertThat(x(path, 3.0) + 202).isCloseTo(1050, within(30.0));
    }

    @Test
    void aPasserByAndABriefLossOfTheFaceDoNotMoveTheWindow() {
        CameraPath path = planner.plan(samples(9, List.of(), t -> {
            if (t >= 3 && t < 3.5) {
                return List.of(); // looked away
            }
            if (t >= 5 && t < 5.6) {
                return List.of(faceAt(300), faceAt(1100)); // someone walks by at the far side
            }
            return List.of(faceAt(300));
        }), WINDOW, 9);

        assertThat(path.followsThroughout()).isTrue();
        assertThat(x(path, 4)).isEqualTo(x(path, 0));
        assertThat(x(path, 5.3)).isEqualTo(x(path, 0));
    }

    @Test
    void twoFacesTooFarApartForOneWindowFallBackToTheBlurForThatStretch() {
        CameraPath path = planner.plan(samples(9, List.of(), t -> t >= 3 && t < 6
                ? List.of(faceAt(250), faceAt(1050)) : List.of(faceAt(250))), WINDOW, 9);

        assertThat(path.follows()).hasSize(2);
        assertThat(path.follows().get(0).end()).isCloseTo(3, within(0.4));
        assertThat(path.follows().get(1).start()).isCloseTo(6, within(0.4));
    }

    @Test
    void noFaceMeansNothingToFollow() {
        CameraPath path = planner.plan(samples(5, List.of(), t -> List.of()), WINDOW, 5);

        assertThat(path.follows()).isEmpty();
        assertThat(path.trackedShare()).isZero();
    }

    @Test
    void theWindowNeverLeavesTheFrame() {
        CameraPath path = planner.plan(samples(4, List.of(), t -> List.of(faceAt(t < 2 ? 20 : 1270))), WINDOW, 4);

        for (CameraPath.Follow f : path.follows()) {
            for (CameraPath.Key k : f.keys()) {
                assertThat(k.x()).isBetween(0.0, 1280.0 - 404);
                assertThat(k.y()).isZero();
            }
        }
    }
}
