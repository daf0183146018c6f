package dev.clipflow.clipworker.reframe;

import dev.clipflow.clipworker.media.ContainerFormats;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.media.ScratchFiles;
import dev.clipflow.clipworker.media.WorkerStoppingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Looks for faces in one clip of a source. A single ffmpeg run decodes the clip once (loop filter off, which a
 * small copy does not need; B-frames skipped, as the selection's analysis does: x264 starts a new shot with an
 * I-frame, so a cut is still seen on its first frame, at worst a few frames late), scales every frame to the
 * analysed size, prints its scene-change score (ffmpeg's {@code scene}, as the selection's analysis measures it)
 * and writes {@link ReframeSettings#fps()} of them a second, grey, to a pipe. One chain, no {@code split}: in
 * the bundled ffmpeg a split doubled the run's CPU time. A frame is larger than the pipe's buffer, so the pipe
 * is read into a short queue on the runner's reader thread and {@link FaceScanner} works through it on a
 * thread of its own: ffmpeg decodes on while a frame is searched.
 */
public final class FaceAnalysis {

    /** Frames read ahead of the detection: enough to ride out a slow frame, a few hundred KiB. */
    private static final int QUEUED_FRAMES = 8;
    private static final byte[] END = new byte[0];

    private final Path ffmpeg;
    private final ProcessRunner runner;
    private final ReframeSettings settings;

    public FaceAnalysis(Path ffmpeg, ProcessRunner runner, ReframeSettings settings) {
        this.ffmpeg = ffmpeg;
        this.runner = runner;
        this.settings = settings;
    }

    /** The analysed frame size for a source: {@link ReframeSettings#height()} high, the source's shape, even. */
    public int[] frameSize(ProbedMedia media) {
        int height = Math.min(settings.height(), media.height()) & ~1;
        int width = Math.max(2, (int) Math.round((double) media.width() * height / media.height()) & ~1);
        return new int[] {width, height};
    }

    public FaceSamples analyse(Path source, ProbedMedia media, double start, double duration) {
        int[] size = frameSize(media);
        double toSource = (double) media.height() / size[1];
        Path scratch = ScratchFiles.createDir("clipflow-faces-");
        try {
            Path scenes = scratch.resolve("scenes.txt");
            BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(QUEUED_FRAMES);
            FutureTask<List<FaceSamples.Sample>> detection = new FutureTask<>(() -> detect(frames, size, toSource));
            Thread detecting = new Thread(detection, "face-detection");
            detecting.setDaemon(true);
            detecting.start();
            ProcessRunner.Result result;
            List<FaceSamples.Sample> samples;
            try {
                result = runner.runReading(command(source, media, start, duration, scenes), limitFor(duration),
                        stream -> readFrames(stream, size[0] * size[1], frames, detection));
                // Not bounded: the reader hands over its end once ffmpeg's output ends, and ffmpeg has ended.
                samples = detection.get();
            } catch (ExecutionException e) {
                throw new FaceAnalysisException("face detection failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkerStoppingException();
            } finally {
                detection.cancel(true);
            }
            if (!result.succeeded()) {
                throw new FaceAnalysisException(result.timedOut() ? "ffmpeg took too long" : "ffmpeg failed (exit "
                        + result.exitCode() + "): " + result.stderrTail(), null);
            }
            return new FaceSamples(samples, sceneCuts(scenes));
        } finally {
            ScratchFiles.deleteRecursively(scratch);
        }
    }

    /**
     * The analysis's ffmpeg command: {@link #frameSize} grey frames on stdout, the scene scores into {@code scenes}.
     * Public so that {@code bench/reframe} can time the decode alone.
     */
    public List<String> command(Path source, ProbedMedia media, double start, double duration, Path scenes) {
        int[] size = frameSize(media);
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error"));
        command.addAll(ContainerFormats.inputOptions());
        command.addAll(List.of("-threads", Integer.toString(settings.decoderThreads()), "-skip_frame:v", "bidir",
                "-skip_loop_filter:v", "all", "-ss", number(start), "-i", "file:" + source.toAbsolutePath(), "-t", number(duration),
                "-filter_complex_threads", "1", "-filter_complex", String.format(Locale.ROOT,
                        "[0:v:0]scale=%d:%d:flags=area,select='gte(scene,0)',"
                                + "metadata=mode=print:key=lavfi.scene_score:file=%s,fps=%s,format=gray[grey]",
                        size[0], size[1], filterPath(scenes), number(settings.fps())),
                "-map", "[grey]", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"));
        return command;
    }

    /** On the runner's reader thread: whole frames into the queue, then {@link #END}, until the detection stops. */
    private static void readFrames(InputStream stream, int frameBytes, BlockingQueue<byte[]> frames, Future<?> detection) {
        try {
            byte[] frame;
            while ((frame = stream.readNBytes(frameBytes)).length == frameBytes && handOver(frames, frame, detection)) {
                // next frame
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            handOver(frames, END, detection);
        }
    }

    private static boolean handOver(BlockingQueue<byte[]> frames, byte[] frame, Future<?> detection) {
        try {
            while (!detection.isDone()) {
                if (frames.offer(frame, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private List<FaceSamples.Sample> detect(BlockingQueue<byte[]> frames, int[] size, double toSource)
            throws InterruptedException {
        List<FaceSamples.Sample> samples = new ArrayList<>();
        try (FaceScanner scanner = new FaceScanner(size[0], size[1])) {
            for (byte[] frame = frames.take(); frame != END; frame = frames.take()) {
                List<Face> faces = new ArrayList<>();
                for (Face f : scanner.next(frame)) {
                    faces.add(new Face(f.x() * toSource, f.y() * toSource, f.width() * toSource, f.height() * toSource));
                }
                samples.add(new FaceSamples.Sample(samples.size() / settings.fps(), faces));
            }
        }
        return samples;
    }

    private List<Double> sceneCuts(Path scenes) {
        List<Double> cuts = new ArrayList<>();
        double t = Double.NaN;
        for (String line : ScratchFiles.readLines(scenes)) {
            int at = line.indexOf("pts_time:");
            if (line.startsWith("frame:") && at >= 0) {
                t = Double.parseDouble(line.substring(at + 9).trim());
            } else if (line.startsWith("lavfi.scene_score=")
                    && Double.parseDouble(line.substring(line.indexOf('=') + 1).trim()) >= settings.sceneCutScore()
                    && t > 0) {
                cuts.add(t);
            }
        }
        return cuts;
    }

    private Duration limitFor(double duration) {
        return Duration.ofSeconds(60).plusMillis((long) (duration * 5000));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static String filterPath(Path path) {
        return ScratchFiles.filterPath(path, message -> new FaceAnalysisException(message, null));
    }
}
