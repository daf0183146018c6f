package dev.clipflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleVideoTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratedVideoHasTheAskedDurationSizeAndRate() {
        Path video = SampleVideo.builder().seconds(3).size(320, 240).fps(25).build()
                .writeTo(dir.resolve("sample.mp4"));

        VideoProbe probe = VideoProbe.of(video);

        assertThat(probe.durationSeconds()).isCloseTo(3.0, within(0.1));
        assertThat(probe.width()).isEqualTo(320);
        assertThat(probe.height()).isEqualTo(240);
        assertThat(probe.fps()).isCloseTo(25.0, within(0.01));
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.audioCodec()).isEqualTo("aac");
    }

    @Test
    void aVideoCanBeMadeWithoutAnAudioStream() {
        Path video = SampleVideo.builder().seconds(1.5).size(160, 90).fps(30).noAudio().build()
                .writeTo(dir.resolve("silent.mp4"));

        VideoProbe probe = VideoProbe.of(video);

        assertThat(probe.hasVideo()).isTrue();
        assertThat(probe.hasAudio()).isFalse();
        assertThat(probe.durationSeconds()).isCloseTo(1.5, within(0.1));
    }

    @Test
    void ffprobeRejectsAFileThatIsNotAVideo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VideoProbe.of(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes.mp4");
    }
}
