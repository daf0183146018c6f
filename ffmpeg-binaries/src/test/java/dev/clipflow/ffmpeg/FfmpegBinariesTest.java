package dev.clipflow.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegBinariesTest {

    @TempDir
    Path dir;

    @Test
    void withoutPathsOrWithBlankOnesTheBundledGplBuildIsUsedAndRuns() {
        FfmpegBinaries bundled = FfmpegBinaries.locate(Optional.empty(), Optional.of(" "));

        assertThat(bundled.ffmpeg()).isExecutable().hasFileName("ffmpeg");
        assertThat(bundled.ffprobe()).isExecutable().hasFileName("ffprobe");
        assertThat(bundled.verify()).startsWith("ffmpeg version").doesNotContain("Copyright");
    }

    @Test
    void givenPathsAreUsedAsTheyAre() throws Exception {
        Path ffmpeg = script("ffmpeg-wrapper", "exec '" + bundledFfmpeg() + "' \"$@\"");

        FfmpegBinaries given = FfmpegBinaries.locate(Optional.of(ffmpeg.toString()), Optional.empty());

        assertThat(given.ffmpeg()).isEqualTo(ffmpeg);
        assertThat(given.verify()).startsWith("ffmpeg version");
    }

    @Test
    void aGivenPathThatIsNotAnExecutableIsRefusedNamingTheVariable() throws Exception {
        Path notes = Files.writeString(dir.resolve("ffprobe"), "not a program");

        assertThatThrownBy(() -> FfmpegBinaries.locate(Optional.empty(), Optional.of(notes.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FFPROBE_PATH=" + notes + " is not an executable file");
    }

    @Test
    void anExecutableThatDoesNotRunFailsVerificationSayingWhatToInstall() throws Exception {
        Path broken = script("ffmpeg", "echo 'error while loading shared libraries: libva.so.2' >&2; exit 127");

        FfmpegBinaries binaries = FfmpegBinaries.locate(Optional.of(broken.toString()), Optional.empty());

        assertThatThrownBy(binaries::verify)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken + " does not run")
                .hasMessageContaining("apt-get install libpulse0 libva2")
                .hasMessageContaining("or set FFMPEG_PATH")
                .hasMessageEndingWith("libva.so.2");
    }

    private Path bundledFfmpeg() {
        return FfmpegBinaries.locate(Optional.empty(), Optional.empty()).ffmpeg();
    }

    private Path script(String name, String body) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
