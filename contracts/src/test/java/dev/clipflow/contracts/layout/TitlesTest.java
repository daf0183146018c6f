package dev.clipflow.contracts.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TitlesTest {

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..\\..\\windows\\system32", "/etc/passwd", "C:\\Users\\x", "a/../../b"})
    void pathTraversalNeverSurvivesInATitle(String hostile) {
        String title = Titles.sanitize(hostile);

        assertThat(title).doesNotContain("/", "\\").isNotIn(".", "..").doesNotStartWith(".");
    }

    @Test
    void everyForbiddenCharacterIsRemoved() {
        assertThat(Titles.sanitize("a<b>c:d\"e/f\\g|h?i*j#k")).isEqualTo("abcdefghijk");
    }

    @Test
    void controlCharactersAndBidiOverridesAreRemoved() {
        assertThat(Titles.sanitize("line\u0000one\u0007\u001b[31m\u007f\u0085two\u202Egnp.exe")).isEqualTo("lineone[31mtwognp.exe");
    }

    @Test
    void spacesBecomeSingleUnderscoresAndEdgesAreTrimmed() {
        assertThat(Titles.sanitize("  My   great\ttalk \n")).isEqualTo("My_great_talk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n", ".", "..", "...", "<>:|", "\u0000\u0001"})
    void emptyOrMeaninglessTitlesFallBackToADefaultName(String title) {
        assertThat(Titles.sanitize(title)).isEqualTo(Titles.FALLBACK);
    }

    @Test
    void aMissingTitleFallsBackToADefaultName() {
        assertThat(Titles.sanitize(null)).isEqualTo(Titles.FALLBACK);
    }

    @Test
    void emojiAndAccentsAreKept() {
        assertThat(Titles.sanitize("Café 🎬 días 日本語")).isEqualTo("Café_🎬_días_日本語");
    }

    @Test
    void longMultiByteTitlesAreCutAt120BytesWithoutSplittingACharacter() {
        String emoji = "🎬".repeat(40); // 4 bytes each: 160 bytes
        String cjk = "日".repeat(50); // 3 bytes each: 150 bytes
        String mixed = "a" + "é".repeat(70); // 1 + 140 bytes

        assertThat(Titles.sanitize(emoji)).isEqualTo("🎬".repeat(30));
        assertThat(Titles.sanitize(cjk)).isEqualTo("日".repeat(40));
        String cut = Titles.sanitize(mixed);
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(Titles.MAX_BYTES);
        assertThat(cut).isEqualTo("a" + "é".repeat(59));
        assertThat(new String(cut.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(cut);
    }

    @Test
    void anUnpairedSurrogateIsDropped() {
        assertThat(Titles.sanitize("ok\uD83Dtitle")).isEqualTo("oktitle");
    }

    @Test
    void aTitleThatWouldMakeTemporaryFileNamesIsPrefixedSoItsClipsAreStillUploaded() {
        String title = Titles.sanitize("temp_recording");

        assertThat(ObjectKeys.isTemporary(ObjectKeys.clipFile(title, 1))).isFalse();
        assertThat(title).endsWith("temp_recording");
    }

    @Test
    void sanitizingTwiceChangesNothing() {
        String once = Titles.sanitize("  ../Weird: title?  with 🎬 *stars* ");

        assertThat(Titles.sanitize(once)).isEqualTo(once);
    }
}
