package dev.clipflow.clipworker.selection.auto;

import java.time.Duration;

/**
 * How the source is measured.
 *
 * @param silenceNoiseDb    below this level (dBFS) audio counts as silence
 * @param silenceMinSeconds shorter pauses are not silences (a breath between words)
 * @param sceneCutScore     ffmpeg scene score (0..1) from which a frame starts a new shot
 * @param videoFps          frames per second the video is analysed at
 * @param videoWidth        width the frames are scaled to before measuring
 * @param decoderThreads    fixed, so the run does not depend on the machine's core count
 * @param timeLimit         the analysis is killed after this long
 */
public record AnalysisSettings(double silenceNoiseDb, double silenceMinSeconds, double sceneCutScore, int videoFps,
        int videoWidth, int decoderThreads, Duration timeLimit) {

    public static final AnalysisSettings DEFAULT = new AnalysisSettings(-35, 0.4, 0.3, 5, 160, 2, Duration.ofMinutes(30));

    public AnalysisSettings {
        if (!(silenceMinSeconds > 0) || !(sceneCutScore > 0 && sceneCutScore <= 1) || videoFps < 1 || videoWidth < 16
                || decoderThreads < 1) {
            throw new IllegalArgumentException("invalid analysis settings: " + silenceMinSeconds + ", " + sceneCutScore
                    + ", " + videoFps + ", " + videoWidth + ", " + decoderThreads);
        }
    }
}
