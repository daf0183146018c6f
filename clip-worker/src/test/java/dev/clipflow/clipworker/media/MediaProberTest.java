package dev.clipflow.clipworker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.clipflow.clipworker.JobFailure;
import dev.clipflow.clipworker.TestMedia;
import dev.clipflow.contracts.events.FailureCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProberTest {

    @TempDir
    Path dir;

    private final MediaProber prober = new MediaProber(TestMedia.FFMPEG, new ProcessRunner());

    @Test
    void anMp4SourceIsDescribedWithItsSizeDurationAndAudio() {
        Path video = TestMedia.video(dir.resolve("source.mp4"), 2, 320, 180, 30, true);

        ProbedMedia media = prober.probe(video);

        assertThat(media.formatName()).contains("mp4");
        assertThat(media.width()).isEqualTo(320);
        assertThat(media.height()).isEqualTo(180);
        assertThat(media.durationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(media.frameRate()).isCloseTo(30.0, within(0.01));
        assertThat(media.hasAudio()).isTrue();
    }

    @Test
    void anHlsPlaylistNamedMp4IsRefusedAsUnsupported() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-MARKER");
        Path playlist = Files.writeString(dir.resolve("source.mp4"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile://" + secret + "\n#EXT-X-ENDLIST\n");

        assertFailsWith(playlist, FailureCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void playlistsImagesAndAudioFilesAreRefusedByTheirProbedFormat() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-MARKER");
        // A leading blank line gets past a naive "#EXTM3U" prefix check; the demuxer whitelist still refuses it.
        Path hls = Files.writeString(dir.resolve("list.m3u8"),
                "\n\n#EXTM3U\n#EXTINF:10,\nfile://" + secret + "\n#EXT-X-ENDLIST\n");
        Path png = dir.resolve("picture.mp4");
        run(List.of(TestMedia.FFMPEG.ffmpeg().toString(), "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x64",
                "-frames:v", "1", "-f", "image2", "-c:v", "png", png.toString()));
        Path wav = dir.resolve("tone.wav");
        run(List.of(TestMedia.FFMPEG.ffmpeg().toString(), "-v", "error", "-f", "lavfi", "-i", "sine=duration=1", wav.toString()));

        assertFailsWith(hls, FailureCode.UNSUPPORTED_FORMAT);
        assertFailsWith(png, FailureCode.UNSUPPORTED_FORMAT);
        assertFailsWith(wav, FailureCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void anAudioOnlyMp4HasNoVideoStream() {
        Path audio = dir.resolve("tone.mp4");
        run(List.of(TestMedia.FFMPEG.ffmpeg().toString(), "-v", "error", "-f", "lavfi", "-i", "sine=duration=1",
                "-c:a", "aac", audio.toString()));

        assertFailsWith(audio, FailureCode.NO_VIDEO_STREAM);
    }

    @Test
    void aTruncatedOrGarbageFileIsCorruptInput() throws Exception {
        Path video = TestMedia.video(dir.resolve("whole.mp4"), 2, 320, 180, 30, true);
        byte[] bytes = Files.readAllBytes(video);
        Path truncated = Files.write(dir.resolve("truncated.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Path garbage = Files.writeString(dir.resolve("garbage.mp4"), "this is not a video at all");

        assertFailsWith(truncated, FailureCode.CORRUPT_INPUT);
        assertFailsWith(garbage, FailureCode.CORRUPT_INPUT);
    }

    private void assertFailsWith(Path source, String code) {
        assertThatThrownBy(() -> prober.probe(source))
                .isInstanceOf(JobFailure.class)
                .satisfies(e -> assertThat(((JobFailure) e).code()).as(e.getMessage()).isEqualTo(code));
    }

    private static void run(List<String> command) {
        ProcessRunner.Result result = new ProcessRunner().run(command, java.time.Duration.ofSeconds(30), line -> { });
        assertThat(result.succeeded()).as(result.stderrTail()).isTrue();
    }
}
