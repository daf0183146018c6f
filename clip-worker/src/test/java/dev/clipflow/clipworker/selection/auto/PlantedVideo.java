package dev.clipflow.clipworker.selection.auto;

import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Small test videos with events at known times, made with ffmpeg's lavfi sources: coloured shots that change
 * at the given cut times, and a tone that is loud only inside the given passages (silent elsewhere, or
 * {@code quietVolume} for sound throughout).
 */
record PlantedVideo(double seconds, List<Double> cuts, List<double[]> loudPassages, double quietVolume) {

    private static final String[] COLOURS = {"red", "blue", "green", "yellow", "purple", "white", "orange"};

    Path writeTo(Path file) throws IOException, InterruptedException {
        Path ffmpeg = FfmpegBinaries.fromEnvironment().ffmpeg();
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-hide_banner", "-loglevel",
                "error", "-y"));
        List<Double> edges = new ArrayList<>(List.of(0.0));
        edges.addAll(cuts);
        edges.add(seconds);
        StringBuilder concat = new StringBuilder();
        for (int i = 0; i + 1 < edges.size(); i++) {
            command.addAll(List.of("-f", "lavfi", "-i", String.format(Locale.ROOT, "color=c=%s:s=160x90:r=10:d=%.3f",
                    COLOURS[i % COLOURS.length], edges.get(i + 1) - edges.get(i))));
            concat.append('[').append(i).append(":v]");
        }
        StringBuilder volume = new StringBuilder(String.format(Locale.ROOT, "%.3f", quietVolume));
        for (double[] passage : loudPassages) {
            volume.append(String.format(Locale.ROOT, "+%.3f*between(t\\,%.3f\\,%.3f)", 1 - quietVolume, passage[0],
                    passage[1]));
        }
        int audioInput = edges.size() - 1;
        command.addAll(List.of("-f", "lavfi", "-i", String.format(Locale.ROOT,
                "sine=f=440:sample_rate=48000:d=%.3f", seconds)));
        command.addAll(List.of("-filter_complex", concat + "concat=n=" + audioInput + ":v=1:a=0[v];[" + audioInput
                + ":a]volume='" + volume + "':eval=frame[a]",
                "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", "-f", "mp4", file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("cannot make the test video: " + output);
        }
        return file;
    }
}
