package dev.clipflow.clipworker.selection;

import dev.clipflow.clipworker.JobFailure;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ranges the request names, checked against the probed duration. It chooses nothing itself: a
 * request without ranges fails with {@code auto_selection_unavailable}.
 */
@ApplicationScoped
@Typed(ExplicitRangeSelector.class)
public class ExplicitRangeSelector implements MomentSelector {

    @Override
    public Selection select(JobRequested job, Path source, ProbedMedia media) {
        if (!job.hasExplicitClips()) {
            throw new JobFailure(FailureCode.AUTO_SELECTION_UNAVAILABLE,
                    "this selector only takes explicit ranges; give the clips as ranges");
        }
        List<PlannedClip> clips = new ArrayList<>();
        for (int i = 0; i < job.clips().size(); i++) {
            RequestedClip range = job.clips().get(i);
            if (range.endsAfter(media.durationSeconds())) {
                throw new JobFailure(FailureCode.RANGE_OUT_OF_BOUNDS, String.format(Locale.ROOT,
                        "clip %d (%.3f-%.3f s) ends after the end of the source (%.3f s)",
                        i + 1, range.start(), range.end(), media.durationSeconds()));
            }
            double end = Math.min(range.end(), media.durationSeconds());
            clips.add(new PlannedClip(i + 1, range.start(), end, range.title(), range.tiktokDesc(), range.instaDesc(), null, null));
        }
        return new Selection("explicit", clips.size(), clips, null);
    }
}
