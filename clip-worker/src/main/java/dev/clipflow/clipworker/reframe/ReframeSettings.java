package dev.clipflow.clipworker.reframe;

/**
 * How clips are analysed for faces and when {@code auto} follows them.
 *
 * @param fps            analysed frames per second of the clip (2: the camera moves no faster than a speaker
 *                       walks, and detection is most of the analysis time)
 * @param height         height of the analysed frames; a face needs 24 of their pixels to be found
 * @param decoderThreads fixed, so the analysis does not depend on the machine's core count
 * @param sceneCutScore  ffmpeg scene score (0..1) from which a frame starts a new shot
 * @param autoMinShare   share of the analysed frames with a tracked face from which {@code auto} follows it
 */
public record ReframeSettings(double fps, int height, int decoderThreads, double sceneCutScore, double autoMinShare) {

    public static final ReframeSettings DEFAULT = new ReframeSettings(2, 240, 2, 0.3, 0.5);

    public ReframeSettings {
        if (!(fps > 0) || height < 48 || decoderThreads < 1 || !(sceneCutScore > 0 && sceneCutScore <= 1)
                || !(autoMinShare >= 0 && autoMinShare <= 1)) {
            throw new IllegalArgumentException("invalid reframe settings: " + fps + ", " + height + ", " + decoderThreads
                    + ", " + sceneCutScore + ", " + autoMinShare);
        }
    }
}
