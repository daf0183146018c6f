package dev.clipflow.clipworker.render;

import dev.clipflow.clipworker.JobFailure;
import dev.clipflow.clipworker.captions.CaptionImages;
import dev.clipflow.clipworker.captions.CaptionOverlay;
import dev.clipflow.clipworker.captions.JobCaptions;
import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.reframe.FaceAnalysisException;
import dev.clipflow.clipworker.reframe.Framing;
import dev.clipflow.clipworker.reframe.Reframer;
import dev.clipflow.clipworker.selection.MomentSelector.Selection;
import dev.clipflow.clipworker.selection.PlannedClip;
import dev.clipflow.contracts.captions.CaptionFiles;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRendered.RenderedArtifact;
import dev.clipflow.contracts.events.JobRendered.RenderedClip;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.json.InvalidJsonException;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * Renders a job's clips ({@link RenderSettings#clipsAtOnce()} at a time), poster frames and metadata into
 * its {@link JobWorkspace}, keeping what an earlier run already finished: a clip whose final file probes
 * with the planned duration and size is not rendered again, and a job whose metadata file exists is
 * complete.
 */
public final class JobRenderer {

    private static final Duration POSTER_LIMIT = Duration.ofSeconds(60);

    private final FfmpegBinaries binaries;
    private final ProcessRunner runner;
    private final MediaProber prober;
    private final RenderSettings settings;
    private final CaptionImages captionImages;
    private final Reframer reframer;

    public JobRenderer(FfmpegBinaries binaries, ProcessRunner runner, MediaProber prober, RenderSettings settings) {
        this(binaries, runner, prober, settings, Reframer.withDefaults(binaries.ffmpeg(), runner), null);
    }

    public JobRenderer(FfmpegBinaries binaries, ProcessRunner runner, MediaProber prober, RenderSettings settings,
            Reframer reframer) {
        this(binaries, runner, prober, settings, reframer, null);
    }

    public JobRenderer(FfmpegBinaries binaries, ProcessRunner runner, MediaProber prober, RenderSettings settings,
            CaptionImages captionImages) {
        this(binaries, runner, prober, settings, Reframer.withDefaults(binaries.ffmpeg(), runner), captionImages);
    }

    /** {@code captionImages} draws burned-in captions; without it a job's captions are only stored as files. */
    public JobRenderer(FfmpegBinaries binaries, ProcessRunner runner, MediaProber prober, RenderSettings settings,
            Reframer reframer, CaptionImages captionImages) {
        this.reframer = reframer;
        this.binaries = binaries;
        this.runner = runner;
        this.prober = prober;
        this.settings = settings;
        this.captionImages = captionImages;
    }

    /** What was rendered, how much output it took and how long (wall time of the clips and their posters). */
    public record Outcome(JobRendered event, int clipsRendered, double renderedOutputSeconds, double renderWallSeconds) {
        /** Output seconds per wall-clock second of ffmpeg. */
        public double realtimeFactor() {
            return renderWallSeconds > 0 ? renderedOutputSeconds / renderWallSeconds : 0;
        }
    }

    /**
     * A recut of a completed job: its metadata as stored ({@code earlier}), whose clips stay first, and the recut's
     * clips, numbered after them, are added to it.
     */
    public record Recut(String recutId, JobMetadata earlier) {
        /** How many clips the job had before the recut: the recut's first clip is number {@code clipsBefore() + 1}. */
        public int clipsBefore() {
            return earlier.shorts().size();
        }
    }

    /** The job's {@code JobRendered}, rebuilt from disk, when an earlier run completed it. */
    public Optional<JobRendered> completed(JobRequested job, JobWorkspace workspace) {
        Path metadataFile = workspace.metadata();
        if (!Files.isRegularFile(metadataFile)) {
            return Optional.empty();
        }
        JobMetadata metadata;
        try {
            metadata = ClipflowJson.decodeMetadata(Files.readAllBytes(metadataFile));
        } catch (IOException | InvalidJsonException unreadable) {
            JobWorkspace.deleteQuietly(metadataFile);
            return Optional.empty();
        }
        boolean allThere = metadata.shorts().stream().allMatch(s -> Files.isRegularFile(workspace.dir().resolve(s.file()))
                && Files.isRegularFile(workspace.dir().resolve(s.thumbnail()))
                && (s.captionsFile() == null || Files.isRegularFile(workspace.dir().resolve(s.captionsFile()))
                        && Files.isRegularFile(workspace.dir().resolve(vttOf(s.captionsFile())))));
        return allThere && !metadata.shorts().isEmpty()
                ? Optional.of(eventFromDisk(job, workspace, metadata))
                : Optional.empty();
    }

    public Outcome render(JobRequested job, JobWorkspace workspace, Path source, ProbedMedia media, Selection selection,
            IntConsumer percentDone) {
        return render(job, workspace, source, media, selection, JobCaptions.NONE, percentDone);
    }

    public Outcome render(JobRequested job, JobWorkspace workspace, Path source, ProbedMedia media, Selection selection,
            JobCaptions captions, IntConsumer percentDone) {
        return render(job, workspace, source, media, selection, captions, null, percentDone);
    }

    /**
     * With a {@code recut}, the selection's clips are the recut's (numbered after the job's) and the metadata written is
     * the job's stored one with them added; the event carries only the recut's files and that metadata.
     */
    public Outcome render(JobRequested job, JobWorkspace workspace, Path source, ProbedMedia media, Selection selection,
            JobCaptions captions, Recut recut, IntConsumer percentDone) {
        List<PlannedClip> clips = selection.clips();
        int[] size = FrameGeometry.outputSize(job.outputFormat(), media);
        RenderProgress progress = new RenderProgress(clips, percentDone);
        List<Callable<ClipOutcome>> tasks = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            int index = i;
            tasks.add(() -> renderWithPoster(job, workspace, source, media, size, clips.get(index), index, progress,
                    captions));
        }
        long started = System.nanoTime();
        List<ClipOutcome> outcomes = ParallelClips.run(tasks, settings.clipsAtOnce());
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        List<JobMetadata.MetadataClip> shorts = outcomes.stream().map(ClipOutcome::described).toList();
        JobMetadata metadata = recut == null
                ? new JobMetadata(job.jobId(), job.title() != null ? job.title() : workspace.title(),
                        Instant.now(), sourceName(job), job.outputFormat(), shorts,
                        new JobMetadata.Selection(selection.method(), selection.requested(), clips.size(), selection.note()),
                        captions.status(), media.durationSeconds())
                : withClipsAdded(recut.earlier(), shorts, captions, media.durationSeconds());
        writeMetadata(workspace, metadata);
        List<PlannedClip> renderedClips = outcomes.stream().filter(ClipOutcome::rendered).map(ClipOutcome::clip)
                .toList();
        double renderedSeconds = renderedClips.stream().mapToDouble(PlannedClip::duration).sum();
        JobRendered event = recut == null ? eventFromDisk(job, workspace, metadata)
                : eventFromDisk(job, workspace, metadata, recut.clipsBefore(), recut.recutId());
        return new Outcome(event, renderedClips.size(), renderedSeconds, renderedClips.isEmpty() ? 0 : wallSeconds);
    }

    /** The job's metadata with the recut's clips after its own; the job's other fields stay as they were. */
    private static JobMetadata withClipsAdded(JobMetadata earlier, List<JobMetadata.MetadataClip> added, JobCaptions captions,
            double sourceDuration) {
        List<JobMetadata.MetadataClip> all = new ArrayList<>(earlier.shorts());
        all.addAll(added);
        return new JobMetadata(earlier.jobId(), earlier.title(), earlier.createdAt(), earlier.sourceVideo(),
                earlier.outputFormat(), all, earlier.selection(),
                earlier.captions() != null ? earlier.captions() : captions.status(), sourceDuration);
    }

    private record ClipOutcome(PlannedClip clip, JobMetadata.MetadataClip described, boolean rendered) {
    }

    /** One clip and its poster frame; a clip an earlier run finished is kept. */
    private ClipOutcome renderWithPoster(JobRequested job, JobWorkspace workspace, Path source, ProbedMedia media, int[] size,
            PlannedClip clip, int index, RenderProgress progress, JobCaptions captions) {
        Path clipFile = workspace.clip(clip.number());
        Path posterFile = workspace.thumbnail(clip.number());
        Captions clipCaptions = captions.present() ? captions.captions().forClip(clip.start(), clip.end()) : null;
        Path srtFile = null;
        if (clipCaptions != null) {
            srtFile = workspace.subtitles(clip.number(), "srt");
            writeText(workspace, srtFile, CaptionFiles.srt(clipCaptions));
            writeText(workspace, workspace.subtitles(clip.number(), "vtt"), CaptionFiles.vtt(clipCaptions));
        }
        boolean render = !isComplete(clipFile, clip.duration(), media.frameRate(), size);
        Framing framing = framing(job, source, media, clip);
        if (render) {
            JobWorkspace.deleteQuietly(posterFile);
            List<CaptionOverlay> overlays = clipCaptions != null && captionImages != null
                    ? captionImages.write(clipCaptions, captions.style(), size[0], size[1], workspace.dir(),
                            workspace.temporaryFor(clipFile).getFileName() + "_caption_")
                    : List.of();
            try {
                renderClip(job, workspace, source, media, clip, framing, clipFile, overlays,
                        seconds -> progress.rendered(index, seconds));
            } finally {
                CaptionImages.delete(overlays);
            }
        }
        progress.finished(index);
        if (!Files.isRegularFile(posterFile)) {
            renderPoster(workspace, clipFile, clip.duration(), posterFile);
        }
        return new ClipOutcome(clip, describe(job, clip, framing, clipFile, posterFile, srtFile, clipCaptions), render);
    }

    /** The clip's framing; a kept clip gets it again (the analysis is deterministic) for its metadata. */
    private Framing framing(JobRequested job, Path source, ProbedMedia media, PlannedClip clip) {
        try {
            return reframer.frame(job.layout(), job.outputFormat(), source, media, clip.start(), clip.duration());
        } catch (FaceAnalysisException e) {
            throw new JobFailure(FailureCode.RENDER_FAILED, "clip " + clip.number() + " could not be analysed for faces: "
                    + e.getMessage());
        }
    }

    private void renderClip(JobRequested job, JobWorkspace workspace, Path source, ProbedMedia media, PlannedClip clip,
            Framing framing, Path clipFile, List<CaptionOverlay> captions, java.util.function.DoubleConsumer outputSeconds) {
        Path temporary = workspace.temporaryFor(clipFile);
        JobWorkspace.deleteQuietly(temporary);
        List<String> command = RenderCommands.clip(binaries.ffmpeg(), source, media, clip.start(), clip.duration(),
                job.outputFormat(), framing, settings, captions, temporary);
        Duration limit = settings.limitFor(clip.duration());
        ProcessRunner.Result result;
        try {
            result = runner.run(command, limit, line -> ProgressParser.outputSeconds(line).ifPresent(outputSeconds));
        } catch (RuntimeException stopped) { // a clip beside it failed, or the worker is stopping
            JobWorkspace.deleteQuietly(temporary);
            throw stopped;
        }
        if (!result.succeeded()) {
            JobWorkspace.deleteQuietly(temporary);
            if (result.timedOut()) {
                throw new JobFailure(FailureCode.RENDER_TIMEOUT, "ffmpeg did not finish clip " + clip.number() + " within "
                        + limit.toSeconds() + " s");
            }
            throw new JobFailure(FailureCode.RENDER_FAILED, "ffmpeg failed on clip " + clip.number() + " (exit "
                    + result.exitCode() + "): " + result.stderrTail());
        }
        workspace.publish(temporary, clipFile);
    }

    private void renderPoster(JobWorkspace workspace, Path clipFile, double clipDuration, Path posterFile) {
        Path temporary = workspace.temporaryFor(posterFile);
        ProcessRunner.Result result = runner.run(
                RenderCommands.poster(binaries.ffmpeg(), clipFile, Math.min(1.0, clipDuration / 3), temporary),
                POSTER_LIMIT, line -> { });
        if (!result.succeeded() || !Files.isRegularFile(temporary)) {
            JobWorkspace.deleteQuietly(temporary);
            throw new JobFailure(FailureCode.RENDER_FAILED, "ffmpeg could not take the poster frame of "
                    + clipFile.getFileName() + ": " + result.stderrTail());
        }
        workspace.publish(temporary, posterFile);
    }

    /** A final clip file is kept only if it probes as the clip it should be. */
    private boolean isComplete(Path clipFile, double duration, double frameRate, int[] size) {
        if (!Files.isRegularFile(clipFile)) {
            return false;
        }
        try {
            ProbedMedia existing = prober.probe(clipFile);
            boolean complete = Math.abs(existing.durationSeconds() - duration) <= 1.0 / frameRate + 0.05
                    && existing.width() == size[0] && existing.height() == size[1]
                    && prober.isFullyReadable(clipFile);
            if (!complete) {
                JobWorkspace.deleteQuietly(clipFile);
            }
            return complete;
        } catch (JobFailure unreadable) {
            JobWorkspace.deleteQuietly(clipFile);
            return false;
        }
    }

    private JobMetadata.MetadataClip describe(JobRequested job, PlannedClip clip, Framing framing, Path clipFile, Path posterFile,
            Path srtFile, Captions clipCaptions) {
        ProbedMedia rendered = prober.probe(clipFile);
        try {
            return new JobMetadata.MetadataClip(clip.start(), clip.end(), clipTitle(job, clip), clip.tiktokDesc(), clip.instaDesc(),
                    clipFile.getFileName().toString(), round(rendered.durationSeconds()), rendered.width(), rendered.height(),
                    Files.size(clipFile), JobWorkspace.sha256(clipFile), posterFile.getFileName().toString(),
                    clip.predictedScore(), clip.reason(), srtFile == null ? null : srtFile.getFileName().toString(),
                    clipCaptions == null ? null : clipCaptions.text(),
                    framing.layout() == null ? null : framing.layout().wireName(), framing.trackedFaceShare());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small text file, published whole like every artifact. */
    private static void writeText(JobWorkspace workspace, Path file, String text) {
        Path temporary = workspace.temporaryFor(file);
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary, e);
        }
        workspace.publish(temporary, file);
    }

    private static String vttOf(String srtFile) {
        return srtFile.substring(0, srtFile.length() - ".srt".length()) + ".vtt";
    }

    private static void writeMetadata(JobWorkspace workspace, JobMetadata metadata) {
        Path temporary = workspace.temporaryFor(workspace.metadata());
        try {
            Files.write(temporary, ClipflowJson.encodeMetadata(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary, e);
        }
        workspace.publish(temporary, workspace.metadata());
    }

    private static JobRendered eventFromDisk(JobRequested job, JobWorkspace workspace, JobMetadata metadata) {
        return eventFromDisk(job, workspace, metadata, 0, null);
    }

    /** The event of the metadata's clips from the {@code firstClip}-th (0-based position in the list) on, and the metadata. */
    private static JobRendered eventFromDisk(JobRequested job, JobWorkspace workspace, JobMetadata metadata, int firstClip,
            String recutId) {
        List<RenderedArtifact> artifacts = new ArrayList<>();
        List<RenderedClip> clips = new ArrayList<>();
        for (int i = firstClip; i < metadata.shorts().size(); i++) {
            JobMetadata.MetadataClip s = metadata.shorts().get(i);
            int number = metadata.clipNumber(i);
            artifacts.add(workspace.artifact(workspace.dir().resolve(s.file()), ArtifactKind.CLIP, number));
            artifacts.add(workspace.artifact(workspace.dir().resolve(s.thumbnail()), ArtifactKind.THUMBNAIL, number));
            if (s.captionsFile() != null) {
                artifacts.add(workspace.artifact(workspace.dir().resolve(s.captionsFile()), ArtifactKind.SUBTITLES_SRT, number));
                artifacts.add(workspace.artifact(workspace.dir().resolve(vttOf(s.captionsFile())), ArtifactKind.SUBTITLES_VTT,
                        number));
            }
            clips.add(metadata.renderedClip(i));
        }
        artifacts.add(workspace.artifact(workspace.metadata(), ArtifactKind.METADATA, null));
        return new JobRendered(ClipflowEvent.CURRENT_VERSION, job.jobId(), Instant.now(), workspace.title(),
                ObjectKeys.metadata(job.jobId(), workspace.title()), artifacts, clips, metadata.captions(), recutId);
    }

    private static String clipTitle(JobRequested job, PlannedClip clip) {
        if (clip.title() != null && !clip.title().isBlank()) {
            return clip.title();
        }
        String base = job.title() != null && !job.title().isBlank() ? job.title() : "Clip";
        return base + " #" + clip.number();
    }

    private static String sourceName(JobRequested job) {
        return job.source().isUpload()
                ? (job.source().filename() != null ? job.source().filename() : job.source().storageKey())
                : job.source().url();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
