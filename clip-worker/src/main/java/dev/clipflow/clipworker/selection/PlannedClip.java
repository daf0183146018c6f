package dev.clipflow.clipworker.selection;

/** A moment of the source to render: {@code index} is 0-based, times in seconds of the source. */
public record PlannedClip(int index, double start, double end, String title, String tiktokDesc, String instaDesc,
        Double predictedScore, String reason) {

    public double duration() {
        return end - start;
    }

    public int number() {
        return index + 1;
    }
}
