import dev.clipflow.clipworker.selection.auto.AnalysisSettings;
import dev.clipflow.clipworker.selection.auto.AutoMomentSelector;
import dev.clipflow.clipworker.selection.auto.AutoSelectionResult;
import dev.clipflow.clipworker.selection.auto.SignalExtractor;
import dev.clipflow.clipworker.selection.auto.Signals;
import dev.clipflow.contracts.events.JobRequested.AutoSelection;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.nio.file.Path;

/**
 * Analysis cost of automatic selection against a baseline measured in the same run: a plain full decode of the
 * same source by the same ffmpeg ({@code ffmpeg -i src -f null -}). Run through {@code bench/selection/run.sh}.
 */
public class SelectionBenchmark {

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        FfmpegBinaries ffmpeg = FfmpegBinaries.fromEnvironment();
        SignalExtractor extractor = new SignalExtractor(ffmpeg.ffmpeg(), ffmpeg.ffprobe(), AnalysisSettings.DEFAULT);
        AutoMomentSelector selector = new AutoMomentSelector();

        long decodeStart = System.nanoTime();
        Process decode = new ProcessBuilder(ffmpeg.ffmpeg().toString(), "-nostdin", "-loglevel", "error", "-i",
                source.toString(), "-f", "null", "-").inheritIO().start();
        if (decode.waitFor() != 0) {
            throw new IllegalStateException("baseline decode failed");
        }
        double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;

        long analysisStart = System.nanoTime();
        Signals signals = extractor.extract(source);
        AutoSelectionResult result = selector.select(signals, AutoSelection.DEFAULT);
        double analysisSeconds = (System.nanoTime() - analysisStart) / 1e9;

        double duration = signals.durationSeconds();
        System.out.printf("source:                    %s (%.0f s)%n", source.getFileName(), duration);
        System.out.printf("baseline full decode:      %.2f s  (%.4f x source duration)%n", decodeSeconds, decodeSeconds / duration);
        System.out.printf("analysis + selection:      %.2f s  (%.4f x source duration, target < 0.05)%n",
                analysisSeconds, analysisSeconds / duration);
        System.out.printf("analysis / full decode:    %.2f%n", analysisSeconds / decodeSeconds);
        result.moments().forEach(m -> System.out.printf("  clip %.1f-%.1f s score %.2f: %s%n",
                m.start(), m.end(), m.predictedScore(), m.reason()));
        if (result.note() != null) {
            System.out.println("  note: " + result.note());
        }
    }
}
