package dev.clipflow.clipworker.selection.auto;

import dev.clipflow.contracts.events.JobRequested.AutoSelection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Chooses the moments of a source worth a short from its {@link Signals}, deterministically.
 *
 * <p>Every 100 ms of the source gets an interest value from its loudness (relative to the loud parts of this
 * source), whether there is sound at all (not inside a silence) and how much the picture moves. Candidate
 * windows between clip_min and clip_max seconds start and end on a 1 s grid, each grid point snapped to the
 * nearest silence edge or scene cut within {@link #DEFAULT_SNAP_TOLERANCE_SECONDS} (a clip starts where sound
 * resumes or a shot begins, and ends where sound stops or a shot ends, not mid-word). A window scores by its
 * interest density, how much interest it holds, its loudest moment and its scene cuts; the best windows that do
 * not overlap are kept, up to the number asked, as long as they score at least {@link #GOOD_SCORE}.
 */
public final class AutoMomentSelector {

    public static final double DEFAULT_SNAP_TOLERANCE_SECONDS = 1.5;
    /** Below this a window is quiet or static: asking for more clips does not make it worth one. */
    public static final double GOOD_SCORE = 0.3;

    private static final double STEP = 0.1;
    private static final double GRID = 1.0;
    /** Loudness this far (LU) under the source's loud level counts as nothing. */
    private static final double LOUDNESS_RANGE = 20;
    private static final double AUDIBLE_LUFS = -70;
    private static final double STATIC_LUMA_DIFFERENCE = 1.0;
    /** A cut this close to a window edge is the edge itself, not a cut inside the clip. */
    private static final double CUT_EDGE_MARGIN = 1.0;
    /** A boundary on no silence or cut may start mid-word: such a window must score clearly better to win. */
    private static final double LOOSE_EDGE_FACTOR = 0.9;

    private final double snapTolerance;

    public AutoMomentSelector() {
        this(DEFAULT_SNAP_TOLERANCE_SECONDS);
    }

    public AutoMomentSelector(double snapToleranceSeconds) {
        this.snapTolerance = snapToleranceSeconds;
    }

    public AutoSelectionResult select(Signals signals, AutoSelection options) {
        Timeline timeline = new Timeline(signals);
        double duration = signals.durationSeconds();
        List<String> notes = new ArrayList<>();
        if (!signals.hasAudio()) {
            notes.add("the source has no audio: moments chosen from the picture only");
        }
        if (duration < options.clipMinSeconds()) {
            Scored whole = timeline.score(0, duration, options.clipMaxSeconds());
            notes.add(0, String.format(Locale.ROOT,
                    "the source (%.1f s) is shorter than clip_min_seconds (%s s): one clip of the whole video",
                    duration, plain(options.clipMinSeconds())));
            return new AutoSelectionResult(List.of(whole.moment("the whole video, " + whole.reason())), join(notes));
        }

        List<Scored> candidates = candidates(timeline, signals, options);
        candidates.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparingDouble(Scored::start).thenComparingDouble(Scored::end));
        List<Scored> chosen = new ArrayList<>();
        for (Scored candidate : candidates) {
            if (chosen.size() == options.targetClips() || candidate.score() < GOOD_SCORE) {
                break;
            }
            if (chosen.stream().noneMatch(c -> c.overlaps(candidate))) {
                chosen.add(candidate);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(candidates.get(0));
            notes.add(0, "nothing in the source stands out (quiet or static throughout): one clip of its best part");
        } else if (chosen.size() < options.targetClips()) {
            notes.add(0, String.format(Locale.ROOT, "%d of the %d clips asked: the rest of the source is quiet or static",
                    chosen.size(), options.targetClips()));
        }
        chosen.sort(Comparator.comparingDouble(Scored::start));
        return new AutoSelectionResult(chosen.stream().map(c -> c.moment(c.reason())).toList(), join(notes));
    }

    private List<Scored> candidates(Timeline timeline, Signals signals, AutoSelection options) {
        double duration = signals.durationSeconds();
        TreeSet<Double> startEdges = new TreeSet<>(List.of(0.0));
        TreeSet<Double> endEdges = new TreeSet<>(List.of(duration));
        for (Signals.Silence silence : signals.silences()) {
            if (silence.end() < duration) {
                startEdges.add(silence.end());
            }
            if (silence.start() > 0) {
                endEdges.add(silence.start());
            }
        }
        for (Signals.SceneCut cut : signals.sceneCuts()) {
            startEdges.add(cut.t());
            endEdges.add(cut.t());
        }
        double[] starts = snappedGrid(startEdges, duration);
        double[] ends = snappedGrid(endEdges, duration);
        List<Scored> scored = new ArrayList<>();
        for (double start : starts) {
            int from = lowerBound(ends, start + options.clipMinSeconds() - 1e-9);
            for (int i = from; i < ends.length && ends[i] <= start + options.clipMaxSeconds() + 1e-9; i++) {
                Scored window = timeline.score(start, ends[i], options.clipMaxSeconds());
                int looseEdges = (startEdges.contains(start) ? 0 : 1) + (endEdges.contains(ends[i]) ? 0 : 1);
                scored.add(looseEdges == 0 ? window : window.scaled(Math.pow(LOOSE_EDGE_FACTOR, looseEdges)));
            }
        }
        if (scored.isEmpty()) { // no edge pair fits the bounds: fall back to the whole allowed length from 0
            scored.add(timeline.score(0, Math.min(duration, options.clipMaxSeconds()), options.clipMaxSeconds()));
        }
        return scored;
    }

    /** Grid points snapped to the nearest edge within the tolerance, plus the edges themselves. */
    private double[] snappedGrid(TreeSet<Double> edges, double duration) {
        TreeSet<Double> points = new TreeSet<>(edges);
        for (double g = 0; g <= duration; g += GRID) {
            double point = g;
            Double below = edges.floor(g);
            Double above = edges.ceiling(g);
            double best = Double.MAX_VALUE;
            for (Double edge : new Double[] {below, above}) {
                if (edge != null && Math.abs(edge - g) <= snapTolerance && Math.abs(edge - g) < best) {
                    best = Math.abs(edge - g);
                    point = edge;
                }
            }
            points.add(point);
        }
        return points.stream().mapToDouble(Double::doubleValue).filter(t -> t >= 0 && t <= duration).toArray();
    }

    private static int lowerBound(double[] sorted, double value) {
        int index = Arrays.binarySearch(sorted, value);
        return index >= 0 ? index : -index - 1;
    }

    private static String join(List<String> notes) {
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static String plain(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    static String clock(double seconds) {
        long whole = (long) Math.floor(seconds);
        return whole >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%02d:%02d", whole / 60, whole % 60);
    }

    private record Scored(double start, double end, double score, double peakAt, double peakLoudness,
            double soundRatio, int cuts, double motion, boolean hasAudio, boolean hasVideo) {

        Scored scaled(double factor) {
            return new Scored(start, end, score * factor, peakAt, peakLoudness, soundRatio, cuts, motion, hasAudio, hasVideo);
        }

        boolean overlaps(Scored other) {
            return start < other.end && other.start < end;
        }

        SelectedMoment moment(String reason) {
            return new SelectedMoment(round(start, 1000), round(end, 1000), round(Math.min(1, Math.max(0, score)), 1000),
                    reason);
        }

        String reason() {
            List<String> parts = new ArrayList<>();
            if (hasAudio) {
                if (peakLoudness > 0) {
                    parts.add("loudness peak at " + clock(peakAt));
                }
                parts.add(soundRatio >= 0.995 ? "sound throughout"
                        : soundRatio < 0.005 ? "silent" : String.format(Locale.ROOT, "sound %d%% of the time",
                                Math.round(soundRatio * 100)));
            }
            if (cuts > 0) {
                parts.add(cuts + (cuts == 1 ? " scene cut" : " scene cuts"));
            }
            if (hasVideo) {
                parts.add(motion >= 0.5 ? "lots of motion" : motion >= 0.15 ? "some motion" : "steady picture");
            }
            return String.join(", ", parts);
        }

        private static double round(double value, double scale) {
            return Math.round(value * scale) / scale;
        }
    }

    /** The source cut into 100 ms steps, with prefix sums so a window scores in constant time. */
    private static final class Timeline {
        private final Signals signals;
        private final int steps;
        private final double[] interestSum;
        private final double[] soundSum;
        private final double[] motionSum;
        private final double[] peak;
        private final double[] cutTimes;
        private final RangeMax peaks;

        Timeline(Signals signals) {
            this.signals = signals;
            this.steps = Math.max(1, (int) Math.ceil(signals.durationSeconds() / STEP));
            double[] loud = new double[steps];
            double[] sound = new double[steps];
            double[] motion = new double[steps];
            peak = new double[steps];
            double reference = percentile(signals.loudness().stream().mapToDouble(Signals.Loudness::momentaryLufs)
                    .filter(m -> m > AUDIBLE_LUFS && Double.isFinite(m)).toArray(), 0.95);
            for (Signals.Loudness sample : signals.loudness()) {
                int i = index(sample.t());
                if (i < steps && !Double.isNaN(reference)) {
                    loud[i] = relative(sample.momentaryLufs(), reference);
                    peak[i] = relative(sample.shortTermLufs(), reference);
                }
            }
            if (signals.hasAudio()) {
                Arrays.fill(sound, 1);
                for (Signals.Silence silence : signals.silences()) {
                    for (int i = index(silence.start()); i < Math.min(steps, index(silence.end())); i++) {
                        sound[i] = 0;
                    }
                }
            }
            double moving = percentile(signals.motion().stream().mapToDouble(Signals.Motion::meanLumaDifference)
                    .toArray(), 0.95);
            if (!Double.isNaN(moving) && moving >= STATIC_LUMA_DIFFERENCE) {
                List<Signals.Motion> samples = signals.motion();
                int next = 0;
                double current = 0;
                for (int i = 0; i < steps; i++) {
                    while (next < samples.size() && samples.get(next).t() <= i * STEP + 1e-9) {
                        current = Math.min(1, samples.get(next).meanLumaDifference() / moving);
                        next++;
                    }
                    motion[i] = current;
                }
            }
            double loudWeight = signals.hasAudio() ? (signals.hasVideo() ? 0.45 : 0.55) : 0;
            double soundWeight = signals.hasAudio() ? (signals.hasVideo() ? 0.35 : 0.45) : 0;
            double motionWeight = signals.hasVideo() ? (signals.hasAudio() ? 0.2 : 1.0) : 0;
            interestSum = new double[steps + 1];
            soundSum = new double[steps + 1];
            motionSum = new double[steps + 1];
            for (int i = 0; i < steps; i++) {
                interestSum[i + 1] = interestSum[i] + loudWeight * loud[i] + soundWeight * sound[i]
                        + motionWeight * motion[i];
                soundSum[i + 1] = soundSum[i] + sound[i];
                motionSum[i + 1] = motionSum[i] + motion[i];
            }
            cutTimes = signals.sceneCuts().stream().mapToDouble(Signals.SceneCut::t).sorted().toArray();
            peaks = new RangeMax(peak);
        }

        Scored score(double start, double end, double clipMax) {
            int from = index(start);
            int to = Math.max(from + 1, Math.min(steps, index(end)));
            int length = to - from;
            double interest = interestSum[to] - interestSum[from];
            double density = interest / length;
            double fill = Math.min(1, interest * STEP / clipMax);
            int peakIndex = peaks.indexOfMax(from, to);
            double peakValue = peak[peakIndex];
            int cuts = lowerBound(cutTimes, end - CUT_EDGE_MARGIN) - lowerBound(cutTimes, start + CUT_EDGE_MARGIN);
            double cutScore = Math.min(Math.max(cuts, 0), 3) / 3.0;
            double score = 0.6 * density + 0.15 * fill + 0.15 * peakValue + 0.1 * cutScore;
            return new Scored(start, end, score, peakIndex * STEP, peakValue, (soundSum[to] - soundSum[from]) / length,
                    Math.max(cuts, 0), (motionSum[to] - motionSum[from]) / length, signals.hasAudio(),
                    signals.hasVideo());
        }

        private int index(double t) {
            return (int) Math.floor(t / STEP + 1e-6);
        }

        private static double relative(double lufs, double reference) {
            if (!Double.isFinite(lufs)) {
                return 0;
            }
            return Math.max(0, Math.min(1, (lufs - (reference - LOUDNESS_RANGE)) / LOUDNESS_RANGE));
        }

        private static double percentile(double[] values, double fraction) {
            if (values.length == 0) {
                return Double.NaN;
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
        }
    }

    /** Sparse table: the index of the largest value of any range in constant time, the earliest on ties. */
    private static final class RangeMax {
        private final double[] values;
        private final int[][] table;

        RangeMax(double[] values) {
            this.values = values;
            int levels = 1;
            while ((1 << levels) <= values.length) {
                levels++;
            }
            table = new int[levels][];
            table[0] = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                table[0][i] = i;
            }
            for (int k = 1; k < levels; k++) {
                int width = 1 << k;
                table[k] = new int[values.length - width + 1];
                for (int i = 0; i + width <= values.length; i++) {
                    table[k][i] = better(table[k - 1][i], table[k - 1][i + width / 2]);
                }
            }
        }

        /** Over [from, to). */
        int indexOfMax(int from, int to) {
            int k = 31 - Integer.numberOfLeadingZeros(to - from);
            return better(table[k][from], table[k][to - (1 << k)]);
        }

        private int better(int a, int b) {
            return values[b] > values[a] ? b : a;
        }
    }
}
