package dev.clipflow.clipworker.selection;

/** A moment of the source to render: {@code number} is 1-based (the n of its files), times in seconds of the source. */
public record PlannedClip(int number, double start, double end, String title, String tiktokDesc, String instaDesc,
        Double predictedScore, String reason) {

    public double duration() {
        return end - start;
    }
}
