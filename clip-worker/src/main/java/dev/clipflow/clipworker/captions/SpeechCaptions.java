package dev.clipflow.clipworker.captions;

import dev.clipflow.clipworker.captions.Transcriber.TranscriptionUnavailableException;
import dev.clipflow.clipworker.media.ContainerFormats;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.captions.Word;
import dev.clipflow.contracts.layout.ObjectKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Captions by speech to text: the source's audio is extracted once per job (16 kHz mono MP3, about 4 MB an
 * hour), cut by stream copy into chunks a service accepts, and each chunk's words shifted by its offset.
 */
public final class SpeechCaptions {

    private final Path ffmpeg;
    private final ProcessRunner runner;
    private final Transcriber transcriber;
    private final double chunkSeconds;

    public SpeechCaptions(Path ffmpeg, ProcessRunner runner, Transcriber transcriber, double chunkSeconds) {
        this.ffmpeg = ffmpeg;
        this.runner = runner;
        this.transcriber = transcriber;
        this.chunkSeconds = chunkSeconds;
    }

    /** {@code workDir} is the job's folder; the audio files are {@code temp_*} there and removed after. */
    public Captions transcribe(Path source, ProbedMedia media, Path workDir) throws TranscriptionUnavailableException {
        if (!media.hasAudio()) {
            throw new TranscriptionUnavailableException("the source has no audio to transcribe", null);
        }
        Path audio = workDir.resolve(ObjectKeys.TEMP_PREFIX + "speech.mp3");
        List<Path> files = new ArrayList<>(List.of(audio));
        try {
            ffmpeg(List.of("-i", "file:" + source.toAbsolutePath(), "-vn", "-map", "0:a:0", "-ac", "1", "-ar", "16000",
                    "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3", "file:" + audio.toAbsolutePath()), media, true);
            List<Word> words = new ArrayList<>();
            int chunks = Math.max(1, (int) Math.ceil(media.durationSeconds() / chunkSeconds));
            for (int k = 0; k < chunks; k++) {
                Path chunk = audio;
                double offset = k * chunkSeconds;
                if (chunks > 1) {
                    chunk = workDir.resolve(ObjectKeys.TEMP_PREFIX + "speech_" + k + ".mp3");
                    files.add(chunk);
                    ffmpeg(List.of("-ss", seconds(offset), "-t", seconds(chunkSeconds), "-f", "mp3", "-i",
                            "file:" + audio.toAbsolutePath(), "-c", "copy", "-f", "mp3", "file:" + chunk.toAbsolutePath()),
                            media, false);
                }
                for (Word w : transcriber.transcribe(chunk)) {
                    words.add(new Word(w.start() + offset, w.end() + offset, w.text()));
                }
            }
            return Captions.fromWords(words);
        } finally {
            files.forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (java.io.IOException ignored) {
                    // a temp_ file: removed with the job's other temporaries
                }
            });
        }
    }

    private void ffmpeg(List<String> arguments, ProbedMedia media, boolean sourceInput) throws TranscriptionUnavailableException {
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y",
                "-loglevel", "error", "-protocol_whitelist", "file", "-format_whitelist",
                sourceInput ? ContainerFormats.whitelist() : "mp3"));
        command.addAll(arguments);
        ProcessRunner.Result result = runner.run(command,
                Duration.ofSeconds(60 + (long) media.durationSeconds()), line -> { });
        if (!result.succeeded()) {
            throw new TranscriptionUnavailableException("ffmpeg could not extract the audio: " + result.stderrTail(), null);
        }
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
