package dev.clipflow.clipworker.reframe;

import dev.clipflow.clipworker.media.ContainerFormats;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.media.ScratchFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Looks for faces in one clip of a source. A single ffmpeg run decodes the clip once (loop filter off, which
 * a small copy does not need) and writes {@link ReframeSettings#fps()} small grey frames a second to a pipe,
 * where {@link FaceDetector} reads them as they come; the same run prints the scene-change score of every
 * frame of a thumbnail-sized copy (ffmpeg's {@code scene}, as the selection's analysis measures it), so a cut
 * is known to the frame.
 */
public final class FaceAnalysis {

    private static final int SCENE_WIDTH = 160;

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
            List<FaceSamples.Sample> samples = new ArrayList<>();
            RuntimeException[] failure = new RuntimeException[1];
            ProcessRunner.Result result = runner.runReading(command(source, start, duration, size, scenes),
                    limitFor(duration), stream -> {
                        try (FaceDetector detector = new FaceDetector(size[0], size[1])) {
                            readFrames(stream, size, detector, toSource, samples);
                        } catch (RuntimeException e) {
                            failure[0] = e;
                        }
                    });
            if (failure[0] != null) {
                throw new FaceAnalysisException("face detection failed: " + failure[0].getMessage(), failure[0]);
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

    List<String> command(Path source, double start, double duration, int[] size, Path scenes) {
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error"));
        command.addAll(ContainerFormats.inputOptions());
        command.addAll(List.of("-threads", Integer.toString(settings.decoderThreads()), "-skip_loop_filter:v", "all",
                "-ss", number(start), "-i", "file:" + source.toAbsolutePath(), "-t", number(duration),
                "-filter_complex_threads", "1", "-filter_complex", String.format(Locale.ROOT,
                        "[0:v:0]split=2[scan][faces];"
                                + "[scan]scale=%d:-2:flags=fast_bilinear,select='gte(scene,0)',"
                                + "metadata=mode=print:key=lavfi.scene_score:file=%s,nullsink;"
                                + "[faces]fps=%s,scale=%d:%d:flags=area,format=gray[grey]",
                        SCENE_WIDTH, filterPath(scenes), number(settings.fps()), size[0], size[1]),
                "-map", "[grey]", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"));
        return command;
    }

    private void readFrames(InputStream stream, int[] size, FaceDetector detector, double toSource,
            List<FaceSamples.Sample> samples) {
        byte[] frame = new byte[size[0] * size[1]];
        try {
            while (stream.readNBytes(frame, 0, frame.length) == frame.length) {
                List<Face> faces = new ArrayList<>();
                for (Face f : detector.detect(frame)) {
                    faces.add(new Face(f.x() * toSource, f.y() * toSource, f.width() * toSource, f.height() * toSource));
                }
                samples.add(new FaceSamples.Sample(samples.size() / settings.fps(), faces));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
