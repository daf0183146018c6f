import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.reframe.FaceAnalysis;
import dev.clipflow.clipworker.reframe.FaceDetector;
import dev.clipflow.clipworker.reframe.FaceScanner;
import dev.clipflow.clipworker.reframe.Framing;
import dev.clipflow.clipworker.reframe.ReframeSettings;
import dev.clipflow.clipworker.reframe.Reframer;
import dev.clipflow.clipworker.render.RenderCommands;
import dev.clipflow.clipworker.render.RenderSettings;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Face analysis against clip duration, and the worker's track render against its crop render of the same clips
 * in the same run. Run through {@code bench/reframe/run.sh}. Arguments: source, output dir, rounds (0: the analysis
 * only).
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
        FaceAnalysis faces = new FaceAnalysis(ffmpeg.ffmpeg(), runner, ReframeSettings.DEFAULT);
        Reframer reframer = new Reframer(faces, ReframeSettings.DEFAULT);
        reframer.verify(); // loads OpenCV once, as the worker does at start
        // A running worker has compiled its code: one short clip first, not counted, so that the JIT compiling
        // (this file's own compile included) does not fall into the first measured clip.
        reframer.frame(FrameLayout.TRACK, OutputFormat.VERTICAL, source, media, 0, 5);

        // The analysis as the worker runs it, then its two parts alone on the same clips: the decode (the same
        // ffmpeg command, frames kept in memory) and the detection over those frames.
        List<Framing> tracked = new ArrayList<>();
        Times analysis = new Times();
        Times decode = new Times();
        Times detection = new Times();
        Times wholeFrames = new Times();
        double clipSeconds = 0;
        int frames = 0;
        int[] size = faces.frameSize(media);
        for (double[] clip : CLIPS) {
            double duration = clip[1] - clip[0];
            Times.Mark mark = analysis.start();
            Framing framing = reframer.frame(FrameLayout.TRACK, OutputFormat.VERTICAL, source, media, clip[0], duration);
            mark.stop();
            clipSeconds += duration;
            tracked.add(framing);

            mark = decode.start();
            List<byte[]> grey = decode(runner, faces.command(source, media, clip[0], duration, out.resolve("scenes.txt")),
                    size[0] * size[1]);
            mark.stop();
            frames += grey.size();
            int found = 0;
            mark = detection.start();
            try (FaceScanner scanner = new FaceScanner(size[0], size[1])) {
                for (byte[] frame : grey) {
                    found += scanner.next(frame).isEmpty() ? 0 : 1;
                }
            }
            mark.stop();
            int foundWhole = 0;
            mark = wholeFrames.start();
            try (FaceDetector detector = new FaceDetector(size[0], size[1])) {
                for (byte[] frame : grey) {
                    foundWhole += detector.detect(frame).isEmpty() ? 0 : 1;
                }
            }
            mark.stop();
            System.out.printf("clip %.0f-%.0f s: layout %s, tracked face in %.0f %% of analysed frames, %d stretches; "
                    + "faces found in %d of %d frames (%d searching every whole frame)%n",
                    clip[0], clip[1], framing.layout().wireName(), framing.trackedFaceShare() * 100,
                    framing.path() == null ? 0 : framing.path().follows().size(), found, grey.size(), foundWhole);
        }

        System.out.printf("face analysis: %.2f s wall for %.0f s of clips: %.3f x clip duration (target <= 0.1); "
                + "CPU %.2f s in ffmpeg, %.2f s in the JVM%n", analysis.wall, clipSeconds, analysis.wall / clipSeconds,
                analysis.childCpu, analysis.ownCpu);
        System.out.printf("  its parts alone: decode and scale %.2f s wall (%.2f s ffmpeg CPU, %d frames out); "
                + "detection %.2f s wall (%.2f s CPU; %.2f s wall, %.2f s CPU searching every whole frame)%n",
                decode.wall, decode.childCpu, frames, detection.wall, detection.ownCpu, wholeFrames.wall, wholeFrames.ownCpu);
        if (rounds == 0) {
            return;
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
        System.out.printf("render track / crop: median round %.3f, all rounds %.3f (target <= 1.1)%n",
                ratios[rounds / 2], trackTotal / cropTotal);
    }

    private static List<byte[]> decode(ProcessRunner runner, List<String> command, int frameBytes) {
        List<byte[]> frames = new ArrayList<>();
        ProcessRunner.Result result = runner.runReading(command, Duration.ofMinutes(20), stream -> {
            try {
                byte[] frame;
                while ((frame = stream.readNBytes(frameBytes)).length == frameBytes) {
                    frames.add(frame);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!result.succeeded()) {
            throw new IllegalStateException("analysis decode failed: " + result.stderrTail());
        }
        return frames;
    }

    /**
     * Wall time and CPU time summed over marks: the JVM's own (all its threads, OpenCV's included) and its ended
     * child processes' (ffmpeg), as Linux counts them in /proc/self/stat.
     */
    private static final class Times {
        double wall;
        double ownCpu;
        double childCpu;

        Mark start() {
            return new Mark(this, System.nanoTime(), jvmCpuNow(), childCpuNow());
        }

        record Mark(Times times, long wall, double ownCpu, double childCpu) {
            void stop() {
                times.wall += (System.nanoTime() - wall) / 1e9;
                times.ownCpu += jvmCpuNow() - ownCpu;
                times.childCpu += childCpuNow() - childCpu;
            }
        }

        private static double jvmCpuNow() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        }

        /** cutime + cstime, the 16th and 17th fields, in clock ticks (100 a second on Linux). */
        private static double childCpuNow() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
