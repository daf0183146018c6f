package dev.clipflow.clipworker.selection.auto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import dev.clipflow.clipworker.media.ScratchFiles;
import dev.clipflow.ffmpeg.FfmpegBinaries;

/**
 * Measures a source with a single ffmpeg run that decodes the audio once and the video once:
 * <ul>
 * <li>audio, downmixed to 16 kHz mono in 100 ms frames: {@code ebur128} loudness and {@code silencedetect};</li>
 * <li>video, without B-frames and loop filter (the expensive part of H.264 decoding, not needed at this size),
 * at a few frames per second scaled to a thumbnail: scene-change score ({@code select}) and
 * frame difference ({@code signalstats} YDIF).</li>
 * </ul>
 * Each chain prints its frame metadata into its own file, parsed into {@link Signals}.
 */
public final class SignalExtractor {

    private final Path ffmpeg;
    private final Path ffprobe;
    private final AnalysisSettings settings;

    public SignalExtractor(Path ffmpeg, Path ffprobe, AnalysisSettings settings) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.settings = settings;
    }

    /** ffmpeg and ffprobe from {@code FFMPEG_PATH} / {@code FFPROBE_PATH}, else the ones bundled in org.bytedeco:ffmpeg. */
    public static SignalExtractor withDefaultFfmpeg(AnalysisSettings settings) {
        FfmpegBinaries binaries = FfmpegBinaries.fromEnvironment();
        return new SignalExtractor(binaries.ffmpeg(), binaries.ffprobe(), settings);
    }

    /** Probes the source for its duration and streams, then measures it. */
    public Signals extract(Path source) {
        return extract(source, probe(source));
    }

    public Signals extract(Path source, SourceStreams streams) {
        Path workDir = ScratchFiles.createDir("clipflow-signals-");
        try {
            Path audioMetadata = workDir.resolve("audio.txt");
            Path videoMetadata = workDir.resolve("video.txt");
            run(command(source, streams, audioMetadata, videoMetadata), workDir.resolve("stderr.txt"));
            List<Signals.Loudness> loudness = new ArrayList<>();
            List<Signals.Silence> silences = new ArrayList<>();
            if (streams.hasAudio()) {
                parseAudio(ScratchFiles.readLines(audioMetadata), streams.durationSeconds(), loudness, silences);
            }
            List<Signals.SceneCut> cuts = new ArrayList<>();
            List<Signals.Motion> motion = new ArrayList<>();
            if (streams.hasVideo()) {
                parseVideo(ScratchFiles.readLines(videoMetadata), cuts, motion);
            }
            return new Signals(streams.durationSeconds(), streams.hasAudio(), streams.hasVideo(), loudness, silences,
                    cuts, motion);
        } finally {
            ScratchFiles.deleteRecursively(workDir);
        }
    }

    SourceStreams probe(Path source) {
        List<String> lines = new ArrayList<>();
        Path workDir = ScratchFiles.createDir("clipflow-signals-");
        try {
            Path out = workDir.resolve("probe.txt");
            ProcessBuilder builder = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-protocol_whitelist", "file",
                    "-show_entries", "format=duration:stream=codec_type", "-of", "default=noprint_wrappers=1",
                    source.toAbsolutePath().toString())
                    .redirectOutput(out.toFile()).redirectError(workDir.resolve("stderr.txt").toFile());
            waitFor(builder, workDir.resolve("stderr.txt"), "ffprobe");
            lines.addAll(ScratchFiles.readLines(out));
        } finally {
            ScratchFiles.deleteRecursively(workDir);
        }
        boolean audio = lines.contains("codec_type=audio");
        boolean video = lines.contains("codec_type=video");
        double duration = lines.stream().filter(l -> l.startsWith("duration=")).map(l -> l.substring(9))
                .filter(v -> !v.equals("N/A")).mapToDouble(Double::parseDouble).findFirst()
                .orElseThrow(() -> new SignalExtractionException("ffprobe gives no duration for " + source));
        return new SourceStreams(duration, audio, video);
    }

    List<String> command(Path source, SourceStreams streams, Path audioMetadata, Path videoMetadata) {
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-nostdin", "-hide_banner", "-nostats",
                "-loglevel", "error", "-protocol_whitelist", "file",
                "-threads", Integer.toString(settings.decoderThreads()),
                "-skip_frame:v", "bidir", "-skip_loop_filter:v", "all",
                "-i", source.toAbsolutePath().toString(), "-filter_complex_threads", "1"));
        List<String> chains = new ArrayList<>();
        List<String> maps = new ArrayList<>();
        if (streams.hasAudio()) {
            chains.add(String.format(Locale.ROOT, "[0:a:0]aformat=channel_layouts=mono,aresample=16000,"
                    + "asetnsamples=n=1600:p=0,ebur128=metadata=1,silencedetect=n=%sdB:d=%s,"
                    + "ametadata=mode=print:file=%s[a]",
                    number(settings.silenceNoiseDb()), number(settings.silenceMinSeconds()), filterPath(audioMetadata)));
            maps.addAll(List.of("-map", "[a]"));
        }
        if (streams.hasVideo()) {
            chains.add(String.format(Locale.ROOT, "[0:v:0]fps=%d,scale=%d:-2:flags=fast_bilinear,signalstats,"
                    + "select='gte(scene,0)',metadata=mode=print:file=%s[v]",
                    settings.videoFps(), settings.videoWidth(), filterPath(videoMetadata)));
            maps.addAll(List.of("-map", "[v]"));
        }
        command.addAll(List.of("-filter_complex", String.join(";", chains)));
        command.addAll(maps);
        command.addAll(List.of("-f", "null", "-"));
        return command;
    }

    static void parseAudio(List<String> lines, double duration, List<Signals.Loudness> loudness,
            List<Signals.Silence> silences) {
        double t = Double.NaN;
        double momentary = Double.NaN;
        Double silenceStart = null;
        for (String line : lines) {
            if (line.startsWith("frame:")) {
                t = frameTime(line);
                momentary = Double.NaN;
            } else if (line.startsWith("lavfi.r128.M=")) {
                momentary = value(line);
            } else if (line.startsWith("lavfi.r128.S=")) {
                loudness.add(new Signals.Loudness(t, momentary, value(line)));
            } else if (line.startsWith("lavfi.silence_start=")) {
                silenceStart = Math.max(0, value(line));
            } else if (line.startsWith("lavfi.silence_end=") && silenceStart != null) {
                silences.add(new Signals.Silence(silenceStart, Math.min(duration, value(line))));
                silenceStart = null;
            }
        }
        if (silenceStart != null && silenceStart < duration) {
            silences.add(new Signals.Silence(silenceStart, duration));
        }
    }

    void parseVideo(List<String> lines, List<Signals.SceneCut> cuts, List<Signals.Motion> motion) {
        double t = Double.NaN;
        for (String line : lines) {
            if (line.startsWith("frame:")) {
                t = frameTime(line);
            } else if (line.startsWith("lavfi.signalstats.YDIF=")) {
                motion.add(new Signals.Motion(t, value(line)));
            } else if (line.startsWith("lavfi.scene_score=")) {
                double score = value(line);
                if (score >= settings.sceneCutScore()) {
                    cuts.add(new Signals.SceneCut(t, score));
                }
            }
        }
    }

    private void run(List<String> command, Path stderr) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        waitFor(builder, stderr, "ffmpeg");
    }

    private void waitFor(ProcessBuilder builder, Path stderr, String tool) {
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new SignalExtractionException("cannot start " + tool, e);
        }
        try {
            if (!process.waitFor(settings.timeLimit().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new SignalExtractionException(tool + " analysis took longer than " + settings.timeLimit());
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SignalExtractionException(tool + " analysis interrupted", e);
        }
        if (process.exitValue() != 0) {
            List<String> errors = ScratchFiles.readLines(stderr);
            String tail = String.join("\n", errors.subList(Math.max(0, errors.size() - 10), errors.size()));
            throw new SignalExtractionException(tool + " analysis failed (exit " + process.exitValue() + "): " + tail);
        }
    }

    private static double frameTime(String frameLine) {
        int at = frameLine.indexOf("pts_time:");
        if (at < 0) {
            return Double.NaN;
        }
        return Double.parseDouble(frameLine.substring(at + 9).trim());
    }

    private static double value(String line) {
        String raw = line.substring(line.indexOf('=') + 1).trim();
        return switch (raw) {
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(raw);
        };
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String filterPath(Path path) {
        return ScratchFiles.filterPath(path, SignalExtractionException::new);
    }
}
