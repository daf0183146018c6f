package dev.clipflow.clipworker.reframe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Turns the faces found in a clip into a camera path, as an operator would frame it:
 * <ol>
 * <li>each shot (between scene cuts) is planned on its own, and the window jumps at a cut;</li>
 * <li>detections are linked into tracks (of a similar size, within half a face width of the last position plus a
 * face width for each analysed frame since, through gaps of up to {@link #GAP_HOLD} s); the subject is the track with the most face area over the shot (largest and most
 * persistent), others only where it is not seen;</li>
 * <li>where there is no subject, or a second face as prominent stands too far away to share the window, the
 * clip falls back to {@code blur}; such stretches seen in at most {@link #MIN_STRETCH} s of analysed frames, and
 * followed ones shorter than that, are absorbed by their neighbours, so a glance away or a passer-by changes
 * nothing;</li>
 * <li>the window moves only when the subject leaves a dead zone ({@link #DEAD_ZONE} of the window width),
 * then re-centres with bounded speed and acceleration, starting {@link #LOOK_AHEAD} s early (the whole clip is
 * known), and stops: a still subject gives a still picture.</li>
 * </ol>
 * The path is sampled every output frame and reduced to the keys that keep it within {@link #KEY_TOLERANCE} px.
 */
public final class CameraPlanner {

    static final double GAP_HOLD = 1.0;
    static final double MIN_STRETCH = 1.0;
    static final double DEAD_ZONE = 0.08;
    /** Window widths per second. */
    static final double MAX_SPEED = 1.2;
    /** Window widths per second squared. */
    static final double MAX_ACCELERATION = 3.0;
    /** Per second: how fast an offset is made up, below the speed limit. */
    static final double GAIN = 4.0;
    static final double LOOK_AHEAD = 0.3;
    static final double STEP = 1 / 30.0;
    static final double KEY_TOLERANCE = 1.0;
    /** A second face at least this large (relative to the subject's) competes for the window. */
    static final double PROMINENT = 0.5;

    private final double fps;

    public CameraPlanner(double fps) {
        this.fps = fps;
    }

    public CameraPath plan(FaceSamples found, CropWindow window, double duration) {
        List<FaceSamples.Sample> samples = found.samples();
        List<Double> bounds = new ArrayList<>();
        bounds.add(0.0);
        found.sceneCuts().stream().filter(c -> c > 0 && c < duration).sorted().forEach(bounds::add);
        bounds.add(duration);
        List<CameraPath.Follow> follows = new ArrayList<>();
        int tracked = 0;
        for (int s = 0; s + 1 < bounds.size(); s++) {
            double shotStart = bounds.get(s);
            double shotEnd = bounds.get(s + 1);
            List<FaceSamples.Sample> shot = samples.stream().filter(x -> x.t() >= shotStart && x.t() < shotEnd).toList();
            if (shot.isEmpty()) {
                continue;
            }
            Subject[] subject = subjects(shot, window);
            absorbShortStretches(subject);
            for (int[] run : runs(subject)) {
                double start = run[0] == 0 ? shotStart : shot.get(run[0]).t() - 0.5 / fps;
                double end = run[1] == shot.size() - 1 ? shotEnd : shot.get(run[1]).t() + 0.5 / fps;
                follows.add(follow(shot, subject, run, Math.max(shotStart, start), Math.min(shotEnd, end), window));
                for (int i = run[0]; i <= run[1]; i++) {
                    tracked += subject[i].detected ? 1 : 0;
                }
            }
        }
        return new CameraPath(window.width(), window.height(), duration, follows, samples.isEmpty() ? 0 : (double) tracked / samples.size());
    }

    /** The followed face at one analysed frame: its centre, whether it was seen there, or nothing to follow. */
    private record Subject(double cx, double cy, boolean detected, boolean follow) {
        static final Subject NOTHING = new Subject(0, 0, false, false);
    }

    private static final class Track {
        final List<Integer> at = new ArrayList<>();
        final List<Face> faces = new ArrayList<>();
        double area;

        Face last() {
            return faces.get(faces.size() - 1);
        }

        boolean covers(int i) {
            return at.size() >= 2 && i >= at.get(0) && i <= at.get(at.size() - 1);
        }

        /** The face at sample {@code i}, seen or between two sightings. */
        Face faceAt(int i) {
            int k = at.indexOf(i);
            if (k >= 0) {
                return faces.get(k);
            }
            int next = 0;
            while (at.get(next) < i) {
                next++;
            }
            Face a = faces.get(next - 1);
            Face b = faces.get(next);
            double f = (double) (i - at.get(next - 1)) / (at.get(next) - at.get(next - 1));
            return new Face(a.x() + f * (b.x() - a.x()), a.y() + f * (b.y() - a.y()),
                    a.width() + f * (b.width() - a.width()), a.height() + f * (b.height() - a.height()));
        }
    }

    private Subject[] subjects(List<FaceSamples.Sample> shot, CropWindow window) {
        List<Track> tracks = link(shot);
        tracks.sort(Comparator.comparingDouble((Track t) -> t.area).reversed());
        Subject[] subject = new Subject[shot.size()];
        for (int i = 0; i < shot.size(); i++) {
            int sample = i;
            Track main = tracks.stream().filter(t -> t.covers(sample)).findFirst().orElse(null);
            if (main == null) {
                subject[i] = Subject.NOTHING;
                continue;
            }
            Face face = main.faceAt(i);
            boolean crowded = tracks.stream().filter(t -> t != main && t.covers(sample)).map(t -> t.faceAt(sample))
                    .anyMatch(other -> other.area() >= PROMINENT * face.area()
                            && Math.max(face.x() + face.width(), other.x() + other.width())
                                    - Math.min(face.x(), other.x()) > window.width());
            subject[i] = new Subject(face.centreX(), face.centreY(), main.at.contains(i), !crowded);
        }
        return subject;
    }

    /** Each detection joins the nearest open track it could belong to, else starts one; larger faces choose first. */
    private List<Track> link(List<FaceSamples.Sample> shot) {
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < shot.size(); i++) {
            double t = shot.get(i).t();
            List<Track> taken = new ArrayList<>();
            List<Face> faces = new ArrayList<>(shot.get(i).faces());
            faces.sort(Comparator.comparingDouble(Face::area).reversed());
            for (Face face : faces) {
                Track best = null;
                double bestDistance = Double.MAX_VALUE;
                for (Track track : tracks) {
                    Face last = track.last();
                    double ratio = face.width() / last.width();
                    double distance = Math.hypot(face.centreX() - last.centreX(), face.centreY() - last.centreY());
                    double since = t - shot.get(track.at.get(track.at.size() - 1)).t();
                    // A walking speaker moves up to about a face width between two analysed frames.
                    double reach = Math.max(face.width(), last.width()) * (0.5 + since * fps);
                    if (since <= GAP_HOLD && !taken.contains(track) && ratio > 0.6 && ratio < 1 / 0.6
                            && distance < reach && distance < bestDistance) {
                        best = track;
                        bestDistance = distance;
                    }
                }
                if (best == null) {
                    best = new Track();
                    tracks.add(best);
                }
                best.at.add(i);
                best.faces.add(face);
                best.area += face.area();
                taken.add(best);
            }
        }
        return tracks;
    }

    /**
     * Short gaps inside followed stretches are followed through (the subject is still there, or briefly
     * crowded), then followed stretches still too short fall back as well.
     */
    private void absorbShortStretches(Subject[] subject) {
        int shortest = (int) Math.ceil(MIN_STRETCH * fps);
        for (int[] gap : runsOf(subject, false)) {
            boolean inside = gap[0] > 0 && gap[1] < subject.length - 1;
            // At most, not less than: at 2 frames a second a passer-by of 0.6 s is seen in two frames, one second.
            if (inside && gap[1] - gap[0] + 1 <= shortest) {
                Subject before = subject[gap[0] - 1];
                Subject after = subject[gap[1] + 1];
                for (int i = gap[0]; i <= gap[1]; i++) {
                    Subject own = subject[i];
                    double f = (double) (i - gap[0] + 1) / (gap[1] - gap[0] + 2);
                    subject[i] = own == Subject.NOTHING
                            ? new Subject(before.cx + f * (after.cx - before.cx), before.cy + f * (after.cy - before.cy), false, true)
                            : new Subject(own.cx, own.cy, own.detected, true);
                }
            }
        }
        for (int[] run : runsOf(subject, true)) {
            if (run[1] - run[0] + 1 < shortest) {
                Arrays.fill(subject, run[0], run[1] + 1, Subject.NOTHING);
            }
        }
    }

    private static List<int[]> runs(Subject[] subject) {
        return runsOf(subject, true);
    }

    private static List<int[]> runsOf(Subject[] subject, boolean follow) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= subject.length; i++) {
            boolean in = i < subject.length && subject[i].follow == follow;
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                runs.add(new int[] {start, i - 1});
                start = -1;
            }
        }
        return runs;
    }

    private CameraPath.Follow follow(List<FaceSamples.Sample> shot, Subject[] subject, int[] run, double start, double end,
            CropWindow window) {
        int n = run[1] - run[0] + 1;
        double[] times = new double[n];
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = shot.get(run[0] + i).t();
            xs[i] = clamp(subject[run[0] + i].cx - window.width() / 2.0, 0, window.maxX());
            ys[i] = clamp(subject[run[0] + i].cy - window.height() / 2.0, 0, window.maxY());
        }
        double[] xPath = operate(times, median3(xs), start, end, window.width(), window.maxX());
        double[] yPath = operate(times, median3(ys), start, end, window.width(), window.maxY());
        List<CameraPath.Key> keys = new ArrayList<>();
        for (int k = 0; k < xPath.length; k++) {
            keys.add(new CameraPath.Key(Math.min(end, start + k * STEP), xPath[k], yPath[k]));
        }
        return new CameraPath.Follow(start, end, simplify(keys));
    }

    /** The window's position every {@link #STEP} from start to end, moved as described in the class comment. */
    private static double[] operate(double[] times, double[] targets, double start, double end, double windowWidth,
            double max) {
        int steps = (int) Math.ceil((end - start) / STEP) + 1;
        double[] path = new double[steps];
        double deadZone = DEAD_ZONE * windowWidth;
        double maxSpeed = MAX_SPEED * windowWidth;
        double maxChange = MAX_ACCELERATION * windowWidth * STEP;
        double p = interpolate(times, targets, start);
        double v = 0;
        boolean moving = false;
        for (int k = 0; k < steps; k++) {
            double t = start + k * STEP;
            double error = interpolate(times, targets, t + LOOK_AHEAD) - p;
            if (Math.abs(error) > deadZone) {
                moving = true;
            } else if (Math.abs(error) < deadZone / 4) {
                moving = false;
            }
            double wanted = moving ? clamp(GAIN * error, -maxSpeed, maxSpeed) : 0;
            v += clamp(wanted - v, -maxChange, maxChange);
            p += v * STEP;
            if (p < 0 || p > max) {
                p = clamp(p, 0, max);
                v = 0;
            }
            path[k] = p;
        }
        return path;
    }

    /** Fewer keys, the path kept within {@link #KEY_TOLERANCE} px on both axes (Ramer-Douglas-Peucker). */
    static List<CameraPath.Key> simplify(List<CameraPath.Key> keys) {
        if (keys.size() <= 2) {
            return keys;
        }
        boolean[] keep = new boolean[keys.size()];
        keep[0] = true;
        keep[keys.size() - 1] = true;
        Deque<int[]> pending = new ArrayDeque<>();
        pending.push(new int[] {0, keys.size() - 1});
        while (!pending.isEmpty()) {
            int[] span = pending.pop();
            CameraPath.Key a = keys.get(span[0]);
            CameraPath.Key b = keys.get(span[1]);
            int worst = -1;
            double worstError = KEY_TOLERANCE;
            for (int i = span[0] + 1; i < span[1]; i++) {
                CameraPath.Key k = keys.get(i);
                double f = (k.t() - a.t()) / (b.t() - a.t());
                double error = Math.max(Math.abs(a.x() + f * (b.x() - a.x()) - k.x()), Math.abs(a.y() + f * (b.y() - a.y()) - k.y()));
                if (error > worstError) {
                    worst = i;
                    worstError = error;
                }
            }
            if (worst > 0) {
                keep[worst] = true;
                pending.push(new int[] {span[0], worst});
                pending.push(new int[] {worst, span[1]});
            }
        }
        List<CameraPath.Key> kept = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (keep[i]) {
                kept.add(keys.get(i));
            }
        }
        return kept;
    }

    private static double[] median3(double[] values) {
        double[] out = values.clone();
        for (int i = 1; i + 1 < values.length; i++) {
            double a = values[i - 1];
            double b = values[i];
            double c = values[i + 1];
            out[i] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }
        return out;
    }

    private static double interpolate(double[] times, double[] values, double t) {
        if (t <= times[0]) {
            return values[0];
        }
        for (int i = 1; i < times.length; i++) {
            if (t <= times[i]) {
                double f = (t - times[i - 1]) / (times[i] - times[i - 1]);
                return values[i - 1] + f * (values[i] - values[i - 1]);
            }
        }
        return values[values.length - 1];
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
