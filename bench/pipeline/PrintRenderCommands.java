import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.reframe.Framing;
import dev.clipflow.clipworker.render.RenderCommands;
import dev.clipflow.clipworker.render.RenderSettings;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints, one shell-quoted line each, the ffmpeg commands the clip-worker runs for the benchmark's clips
 * (the clip render and its poster frame), so {@code run.sh} can run exactly them in a plain shell loop.
 * Arguments: source, output dir, then start:end pairs.
 */
public class PrintRenderCommands {

    public static void main(String[] args) {
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        FfmpegBinaries ffmpeg = FfmpegBinaries.fromEnvironment();
        ProbedMedia media = new MediaProber(ffmpeg, new ProcessRunner()).probe(source);
        for (int i = 2; i < args.length; i++) {
            String[] range = args[i].split(":");
            double start = Double.parseDouble(range[0]);
            double end = Double.parseDouble(range[1]);
            Path clip = out.resolve("raw_clip_" + (i - 1) + ".mp4");
            print(RenderCommands.clip(ffmpeg.ffmpeg(), source, media, start, end - start, OutputFormat.VERTICAL,
                    Framing.fixed(FrameLayout.BLUR), RenderSettings.DEFAULT, clip));
            print(RenderCommands.poster(ffmpeg.ffmpeg(), clip, 1.0, out.resolve("raw_clip_" + (i - 1) + ".jpg")));
        }
    }

    private static void print(List<String> command) {
        System.out.println(command.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" ")));
    }
}
