package dev.clipflow.clipworker.selection.auto;

import dev.clipflow.clipworker.JobFailure;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.selection.MomentSelector;
import dev.clipflow.clipworker.selection.PlannedClip;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Automatic selection from the video alone: one ffmpeg pass measures loudness, silences, scene cuts and
 * motion ({@link SignalExtractor}), then {@link AutoMomentSelector} picks the best windows.
 */
@ApplicationScoped
@Typed(OfflineMomentSelector.class)
public class OfflineMomentSelector implements MomentSelector {

    private final SignalExtractor extractor;
    private final AutoMomentSelector selector = new AutoMomentSelector();

    public OfflineMomentSelector(FfmpegBinaries binaries) {
        this.extractor = new SignalExtractor(binaries.ffmpeg(), binaries.ffprobe(), AnalysisSettings.DEFAULT);
    }

    @Override
    public Selection select(JobRequested job, Path source, ProbedMedia media) {
        JobRequested.AutoSelection options = job.auto() == null ? JobRequested.AutoSelection.DEFAULT : job.auto();
        Signals signals;
        try {
            signals = extractor.extract(source, new SourceStreams(media.durationSeconds(), media.hasAudio(), true));
        } catch (SignalExtractionException e) {
            throw new JobFailure(FailureCode.CORRUPT_INPUT, "the source could not be analysed: " + e.getMessage());
        }
        AutoSelectionResult result = selector.select(signals, options);
        List<PlannedClip> clips = new ArrayList<>();
        for (SelectedMoment moment : result.moments()) {
            clips.add(new PlannedClip(clips.size() + 1, moment.start(), moment.end(), null, null, null,
                    moment.predictedScore(), moment.reason()));
        }
        if (clips.isEmpty()) {
            throw new JobFailure(FailureCode.NO_MOMENTS_FOUND,
                    "no moment of the video stood out" + (result.note() == null ? "" : ": " + result.note()));
        }
        return new Selection("auto", options.targetClips(), clips, result.note());
    }
}
