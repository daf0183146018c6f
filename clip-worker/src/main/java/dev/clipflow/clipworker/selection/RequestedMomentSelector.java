package dev.clipflow.clipworker.selection;

import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.selection.auto.OfflineMomentSelector;
import dev.clipflow.contracts.events.JobRequested;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/**
 * The default selector: the request's explicit ranges when it has them, otherwise the offline automatic
 * selection. A bean of type {@link MomentSelector} of your own (an LLM- or transcript-based ranker) replaces it.
 */
@DefaultBean
@ApplicationScoped
public class RequestedMomentSelector implements MomentSelector {

    private final ExplicitRangeSelector explicit;
    private final OfflineMomentSelector automatic;

    public RequestedMomentSelector(ExplicitRangeSelector explicit, OfflineMomentSelector automatic) {
        this.explicit = explicit;
        this.automatic = automatic;
    }

    @Override
    public Selection select(JobRequested job, Path source, ProbedMedia media) {
        return job.hasExplicitClips() ? explicit.select(job, source, media) : automatic.select(job, source, media);
    }
}
