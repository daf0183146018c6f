package dev.clipflow.clipworker.selection.auto;

import java.util.List;

/**
 * What ffmpeg measured on a source, times in seconds of the source. Empty lists when the source
 * has no audio (loudness, silences) or no video (scene cuts, motion).
 *
 * @param loudness  EBU R128 momentary (400 ms) and short-term (3 s) loudness every 100 ms
 * @param silences  stretches quieter than the silence threshold, ordered, not overlapping
 * @param sceneCuts frames whose scene-change score reaches the cut threshold
 * @param motion    mean absolute luma difference to the previous analysed frame (0..255)
 */
public record Signals(double durationSeconds, boolean hasAudio, boolean hasVideo, List<Loudness> loudness,
        List<Silence> silences, List<SceneCut> sceneCuts, List<Motion> motion) {

    public Signals {
        loudness = List.copyOf(loudness);
        silences = List.copyOf(silences);
        sceneCuts = List.copyOf(sceneCuts);
        motion = List.copyOf(motion);
    }

    /** Loudness in LUFS at {@code t}; silence reads around -120. */
    public record Loudness(double t, double momentaryLufs, double shortTermLufs) {
    }

    public record Silence(double start, double end) {
        public double duration() {
            return end - start;
        }
    }

    /** {@code t} is the first analysed frame of the new shot; score 0..1 as ffmpeg's scene detection gives it. */
    public record SceneCut(double t, double score) {
    }

    public record Motion(double t, double meanLumaDifference) {
    }
}
