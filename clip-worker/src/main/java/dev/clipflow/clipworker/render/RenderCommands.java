package dev.clipflow.clipworker.render;

import dev.clipflow.clipworker.captions.CaptionOverlay;
import dev.clipflow.clipworker.media.ContainerFormats;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.reframe.Framing;
import dev.clipflow.contracts.OutputFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The ffmpeg command lines of the worker. Inputs are local files read through accepted demuxers only. */
public final class RenderCommands {

    public static final String LOUDNORM = "loudnorm=I=-14:TP=-1.5:LRA=11";

    /**
     * One clip: seeking before {@code -i} with a re-encode starts exactly at the frame at {@code start};
     * {@code -t} after the input cuts the output at {@code duration}. Progress goes to stdout.
     */
    public static List<String> clip(Path ffmpeg, Path source, ProbedMedia media, double start, double duration,
            OutputFormat format, Framing framing, RenderSettings settings, Path output) {
        return clip(ffmpeg, source, media, start, duration, format, framing, settings, List.of(), output);
    }

    /** A clip with caption images laid over it, each shown only during its own time (see {@link #addCaptions}). */
    public static List<String> clip(Path ffmpeg, Path source, ProbedMedia media, double start, double duration,
            OutputFormat format, Framing framing, RenderSettings settings, List<CaptionOverlay> captions,
            Path output) {
        List<String> command = new ArrayList<>(safeInput(ffmpeg));
        command.addAll(List.of("-ss", seconds(start), "-i", "file:" + source.toAbsolutePath()));
        for (CaptionOverlay caption : captions) {
            command.addAll(List.of("-protocol_whitelist", "file", "-f", "png_pipe", "-i",
                    "file:" + caption.image().toAbsolutePath()));
        }
        // After the last input, so it limits the output (before another -i it would limit that input).
        command.addAll(List.of("-t", seconds(duration)));
        FilterGraph graph = new FilterGraph();
        FrameGeometry.fit(graph, format, framing, media);
        addCaptions(graph, captions, 1);
        if (media.hasAudio()) {
            graph.audio(LOUDNORM + ",aresample=48000");
        }
        command.addAll(List.of("-filter_complex", graph.build(), "-map", "[v]"));
        if (graph.hasAudio()) {
            command.addAll(List.of("-map", "[a]", "-c:a", "aac", "-b:a", "160k", "-ar", "48000"));
        }
        command.addAll(List.of("-c:v", "libx264", "-preset", settings.preset(), "-crf", Integer.toString(settings.crf()),
                "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-map_metadata", "-1",
                "-progress", "pipe:1", "-nostats", "-f", "mp4", "file:" + output.toAbsolutePath()));
        return command;
    }

    /**
     * Composites the caption images in the same pass, after the framing: each image is a one-frame input
     * (numbered from {@code firstInput}) that {@code overlay} keeps repeating, and {@code enable} shows it
     * only between its times.
     */
    static void addCaptions(FilterGraph graph, List<CaptionOverlay> captions, int firstInput) {
        for (int i = 0; i < captions.size(); i++) {
            CaptionOverlay c = captions.get(i);
            graph.video(String.format(Locale.ROOT, "[%d:v]overlay=x=%d:y=%d:enable='between(t,%.3f,%.3f)'",
                    firstInput + i, c.x(), c.y(), c.start(), c.end()));
        }
    }

    /** A JPEG poster frame taken {@code at} seconds into a rendered clip. */
    public static List<String> poster(Path ffmpeg, Path clip, double at, Path output) {
        List<String> command = new ArrayList<>(safeInput(ffmpeg));
        command.addAll(List.of("-ss", seconds(at), "-i", "file:" + clip.toAbsolutePath(), "-frames:v", "1",
                "-q:v", "3", "-update", "1", "-f", "image2", "file:" + output.toAbsolutePath()));
        return command;
    }

    private static List<String> safeInput(Path ffmpeg) {
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
        command.addAll(ContainerFormats.inputOptions());
        return command;
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private RenderCommands() {
    }
}
