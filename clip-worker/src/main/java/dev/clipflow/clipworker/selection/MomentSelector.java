package dev.clipflow.clipworker.selection;

import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.contracts.events.JobRequested;
import java.nio.file.Path;
import java.util.List;

/** Chooses the moments of a source to cut into clips. */
public interface MomentSelector {

    /** The clips to render, or a {@link dev.clipflow.clipworker.JobFailure} naming why none can be chosen. */
    Selection select(JobRequested job, Path source, ProbedMedia media);

    /** The chosen clips and how they were chosen ({@code method}: explicit, auto, ...). */
    record Selection(String method, int requested, List<PlannedClip> clips, String note) {
    }
}
