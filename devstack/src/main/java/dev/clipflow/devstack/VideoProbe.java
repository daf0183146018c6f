package dev.clipflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clipflow.ffmpeg.FfmpegBinaries;

/** What ffprobe says about a media file: duration, frame size and streams. */
public record VideoProbe(double durationSeconds, int width, int height, double fps, boolean hasVideo,
        boolean hasAudio, String videoCodec, String audioCodec) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static VideoProbe of(Path file) {
        Path ffprobe = FfmpegBinaries.fromEnvironment().ffprobe();
        String[] command = {ffprobe.toString(), "-v", "error", "-print_format", "json", "-show_format",
                "-show_streams", file.toString()};
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            JsonNode probe = JSON.readTree(process.getInputStream());
            int exit = process.waitFor();
            if (exit != 0 || probe == null || !probe.has("format")) {
                throw new IllegalArgumentException("ffprobe cannot read " + file + " (exit " + exit + ")");
            }
            JsonNode video = null;
            JsonNode audio = null;
            for (JsonNode stream : probe.path("streams")) {
                String type = stream.path("codec_type").asText();
                if ("video".equals(type) && video == null) {
                    video = stream;
                } else if ("audio".equals(type) && audio == null) {
                    audio = stream;
                }
            }
            return new VideoProbe(probe.path("format").path("duration").asDouble(),
                    video == null ? 0 : video.path("width").asInt(),
                    video == null ? 0 : video.path("height").asInt(),
                    video == null ? 0 : rate(video.path("avg_frame_rate").asText()),
                    video != null, audio != null,
                    video == null ? null : video.path("codec_name").asText(),
                    audio == null ? null : audio.path("codec_name").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run ffprobe on " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing " + file, e);
        }
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        double denominator = parts.length == 2 ? Double.parseDouble(parts[1]) : 1;
        return denominator == 0 ? 0 : Double.parseDouble(parts[0]) / denominator;
    }
}
