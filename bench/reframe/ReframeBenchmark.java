import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.reframe.FaceAnalysis;
import dev.clipflow.clipworker.reframe.Framing;
import dev.clipflow.clipworker.reframe.ReframeSettings;
import dev.clipflow.clipworker.reframe.Reframer;
import dev.clipflow.clipworker.render.RenderCommands;
import dev.clipflow.clipworker.render.RenderSettings;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Face analysis against clip duration, and the worker's track render against its crop render of the same clips
 * in the same run. Run through {@code bench/reframe/run.sh}. Arguments: source, output dir, rounds.
 */
public class ReframeBenchmark {

    private static final double[][] CLIPS = {{0, 20}, {20, 40}, {40, 60}};

    public static void main(String[] args) {
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        FfmpegBinaries ffmpeg = FfmpegBinaries.fromEnvironment();
        ProcessRunner runner = new ProcessRunner();
        ProbedMedia media = new MediaProber(ffmpeg, runner).probe(source);
        Reframer reframer = new Reframer(new FaceAnalysis(ffmpeg.ffmpeg(), runner, ReframeSettings.DEFAULT), ReframeSettings.DEFAULT);
        reframer.verify(); // loads OpenCV once, as the worker does at start

        List<Framing> tracked = new ArrayList<>();
        double analysisSeconds = 0;
        double analysisCpu = 0;
        double clipSeconds = 0;
        for (double[] clip : CLIPS) {
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Framing framing = reframer.frame(FrameLayout.TRACK, OutputFormat.VERTICAL, source, media, clip[0], clip[1] - clip[0]);
            analysisSeconds += (System.nanoTime() - start) / 1e9;
            analysisCpu += (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9;
            clipSeconds += clip[1] - clip[0];
            tracked.add(framing);
            System.out.printf("clip %.0f-%.0f s: layout %s, tracked face in %.0f %% of analysed frames, %d stretches%n",
                    clip[0], clip[1], framing.layout().wireName(), framing.trackedFaceShare() * 100,
                    framing.path() == null ? 0 : framing.path().follows().size());
        }

        double[] ratios = new double[rounds];
        double cropTotal = 0;
        double trackTotal = 0;
        for (int round = 0; round < rounds; round++) {
            double crop = 0;
            double track = 0;
            for (int i = 0; i < CLIPS.length; i++) {
                boolean cropFirst = round % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean isCrop = (side == 0) == cropFirst;
                    Framing framing = isCrop ? Framing.fixed(FrameLayout.CROP) : tracked.get(i);
                    double seconds = time(runner, RenderCommands.clip(ffmpeg.ffmpeg(), source, media, CLIPS[i][0],
                            CLIPS[i][1] - CLIPS[i][0], OutputFormat.VERTICAL, framing, RenderSettings.DEFAULT,
                            out.resolve((isCrop ? "crop" : "track") + "_clip_" + (i + 1) + ".mp4")));
                    if (isCrop) {
                        crop += seconds;
                    } else {
                        track += seconds;
                    }
                }
            }
            ratios[round] = track / crop;
            cropTotal += crop;
            trackTotal += track;
            System.out.printf("round %d: render crop %.1f s, track %.1f s, track / crop %.3f%n", round + 1, crop, track,
                    ratios[round]);
        }
        Arrays.sort(ratios);
        System.out.printf("face analysis:  %.2f s wall (%.2f s CPU of the detecting thread) for %.0f s of clips: "
                + "%.3f x clip duration (target <= 0.1)%n", analysisSeconds, analysisCpu, clipSeconds, analysisSeconds / clipSeconds);
        System.out.printf("render track / crop: median round %.3f, all rounds %.3f (target <= 1.1)%n",
                ratios[rounds / 2], trackTotal / cropTotal);
    }

    private static double time(ProcessRunner runner, List<String> command) {
        long start = System.nanoTime();
        ProcessRunner.Result result = runner.run(command, Duration.ofMinutes(20), line -> { });
        if (!result.succeeded()) {
            throw new IllegalStateException("render failed: " + result.stderrTail());
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
