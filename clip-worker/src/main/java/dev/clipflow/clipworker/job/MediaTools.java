package dev.clipflow.clipworker.job;

import dev.clipflow.clipworker.captions.CaptionFonts;
import dev.clipflow.clipworker.captions.CaptionImages;
import dev.clipflow.clipworker.captions.CaptionPainter;
import dev.clipflow.clipworker.config.ClipWorkerConfig;
import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.reframe.Reframer;
import dev.clipflow.clipworker.render.JobRenderer;
import dev.clipflow.clipworker.render.RenderSettings;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The ffmpeg side of the worker as CDI beans. The worker starts only with an ffmpeg that runs, and kills the
 * ffmpeg processes still running when it stops.
 */
@ApplicationScoped
public class MediaTools {

    private final ProcessRunner runner = new ProcessRunner();

    @Produces
    @Singleton
    FfmpegBinaries binaries(ClipWorkerConfig config) {
        return FfmpegBinaries.locate(config.ffmpeg().path(), config.ffmpeg().probePath());
    }

    @Produces
    @Singleton
    ProcessRunner runner() {
        return runner;
    }

    @Produces
    @Singleton
    MediaProber prober(FfmpegBinaries binaries) {
        return new MediaProber(binaries, runner);
    }

    @Produces
    @Singleton
    Reframer reframer(FfmpegBinaries binaries) {
        return Reframer.withDefaults(binaries.ffmpeg(), runner);
    }

    @Produces
    @Singleton
    JobRenderer renderer(FfmpegBinaries binaries, MediaProber prober, Reframer reframer, ClipWorkerConfig config) {
        ClipWorkerConfig.Ffmpeg ffmpeg = config.ffmpeg();
        return new JobRenderer(binaries, runner, prober,
                new RenderSettings(ffmpeg.preset(), ffmpeg.crf(), ffmpeg.timeoutFactor(), ffmpeg.timeoutGrace(),
                        config.worker().clipsAtOnce()), reframer,
                new CaptionImages(new CaptionPainter(CaptionFonts.find(config.captions().fontDir()))));
    }

    /**
     * A worker whose ffmpeg cannot run (a missing system library) or that cannot load the face detector would
     * fail every job: it does not start.
     */
    void checkToolsRun(@Observes StartupEvent event, FfmpegBinaries binaries, Reframer reframer) {
        binaries.verify();
        reframer.verify();
    }

    void stopRendering(@Observes ShutdownEvent event) {
        runner.stopAll();
    }
}
