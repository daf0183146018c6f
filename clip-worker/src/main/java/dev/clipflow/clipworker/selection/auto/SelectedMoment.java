package dev.clipflow.clipworker.selection.auto;

/**
 * One clip the automatic selection chose: times in seconds of the source, {@code predictedScore} 0..1
 * (higher is more likely worth a short), {@code reason} in plain words for the metadata.
 */
public record SelectedMoment(double start, double end, double predictedScore, String reason) {

    public double duration() {
        return end - start;
    }
}
