import dev.clipflow.clipworker.captions.CaptionFonts;
import dev.clipflow.clipworker.captions.CaptionImages;
import dev.clipflow.clipworker.captions.CaptionPainter;
import dev.clipflow.clipworker.captions.JobCaptions;
import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.render.JobRenderer;
import dev.clipflow.clipworker.render.JobWorkspace;
import dev.clipflow.clipworker.render.RenderSettings;
import dev.clipflow.clipworker.selection.ExplicitRangeSelector;
import dev.clipflow.clipworker.selection.MomentSelector.Selection;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.captions.CaptionStyle;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.captions.Cue;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.CaptionsRequest;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cost of burned-in captions against a baseline measured in the same run: the worker's JobRenderer renders the
 * same 30 s vertical clip (blur layout) without captions and with {@code plain} captions (a two-line cue every
 * 2.5 s, as dense as speech), one clip at a time, rounds alternating which side goes first. Run through
 * {@code bench/captions/run.sh}.
 */
public class CaptionsBenchmark {

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path work = Path.of(args[1]).resolve("work");
        int rounds = Integer.parseInt(args[2]);
        FfmpegBinaries ffmpeg = FfmpegBinaries.fromEnvironment();
        ProcessRunner runner = new ProcessRunner();
        MediaProber prober = new MediaProber(ffmpeg, runner);
        RenderSettings settings = new RenderSettings("veryfast", 21, 10, Duration.ofSeconds(60), 1);
        JobRenderer renderer = new JobRenderer(ffmpeg, runner, prober, settings,
                new CaptionImages(new CaptionPainter(CaptionFonts.find(Path.of("/usr/share/fonts")))));
        ProbedMedia media = prober.probe(source);
        List<Cue> cues = new ArrayList<>();
        for (double t = 0; t < media.durationSeconds(); t += 2.5) {
            cues.add(new Cue(t, t + 2.4, "Caption number " + (int) (t / 2.5) + ": about as many words as a speaker says"));
        }
        JobCaptions captions = JobCaptions.of(new Captions(cues), CaptionStyle.PLAIN);

        double without = 0;
        double with = 0;
        for (int round = 1; round <= rounds; round++) {
            boolean captionsFirst = round % 2 == 0;
            double a = time(renderer, source, media, work, captionsFirst ? captions : JobCaptions.NONE);
            double b = time(renderer, source, media, work, captionsFirst ? JobCaptions.NONE : captions);
            double withThis = captionsFirst ? a : b;
            double withoutThis = captionsFirst ? b : a;
            with += withThis;
            without += withoutThis;
            System.out.printf("round %d (%s first): without %.2f s, plain captions %.2f s, ratio %.3f%n", round,
                    captionsFirst ? "captions" : "no captions", withoutThis, withThis, withThis / withoutThis);
        }
        System.out.printf("30 s vertical clip, %d rounds: without captions %.2f s, with plain captions %.2f s (mean)%n",
                rounds, without / rounds, with / rounds);
        System.out.printf("ratio with / without: %.3f (target <= 1.10)%n", with / without);
    }

    private static double time(JobRenderer renderer, Path source, ProbedMedia media, Path work, JobCaptions captions)
            throws Exception {
        String jobId = JobId.newId();
        JobRequested job = new JobRequested(1, jobId, Instant.now(), "Bench", JobSource.url("https://example.com/s.mp4"),
                List.of(RequestedClip.of(120, 150)), null, OutputFormat.VERTICAL, FrameLayout.BLUR, null,
                captions.present() ? CaptionsRequest.stored("uploads/" + jobId + "/captions.json", CaptionStyle.PLAIN)
                        : null);
        JobWorkspace workspace = new JobWorkspace(work, jobId, job.title());
        workspace.create();
        Selection selection = new ExplicitRangeSelector().select(job, source, media);
        long started = System.nanoTime();
        renderer.render(job, workspace, source, media, selection, captions, p -> { });
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Stream<Path> files = Files.walk(workspace.dir())) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return seconds;
    }
}
