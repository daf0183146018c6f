package dev.clipflow.clipworker.render;

import dev.clipflow.clipworker.selection.PlannedClip;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/** A job's percentage done, summed over its clips as they render side by side. */
final class RenderProgress {

    private final double[] durations;
    private final double[] done;
    private final double total;
    private final IntConsumer percentDone;

    RenderProgress(List<PlannedClip> clips, IntConsumer percentDone) {
        this.durations = clips.stream().mapToDouble(PlannedClip::duration).toArray();
        this.done = new double[durations.length];
        this.total = Arrays.stream(durations).sum();
        this.percentDone = percentDone;
    }

    /** Clip {@code index} (in the job's order) has rendered {@code seconds} of its output. */
    synchronized void rendered(int index, double seconds) {
        done[index] = Math.max(done[index], Math.min(seconds, durations[index]));
        double sum = Arrays.stream(done).sum();
        percentDone.accept(total <= 0 ? 100 : (int) Math.floor(100 * sum / total));
    }

    void finished(int index) {
        rendered(index, durations[index]);
    }
}
