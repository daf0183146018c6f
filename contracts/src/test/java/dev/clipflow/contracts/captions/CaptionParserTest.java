package dev.clipflow.contracts.captions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaptionParserTest {

    private static Captions parse(String text) {
        return CaptionParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsSubRipWithNumbersTagsAndWindowsLineEnds() {
        Captions captions = parse("\uFEFF1\r\n00:00:01,000 --> 00:00:03,500\r\n<i>Hello</i> there\r\nsecond line\r\n\r\n"
                + "2\r\n00:01:02,250 --> 00:01:04,000\r\nBye &amp; thanks\r\n");
        assertThat(captions.cues()).containsExactly(
                new Cue(1.0, 3.5, "Hello there\nsecond line"),
                new Cue(62.25, 64.0, "Bye & thanks"));
    }

    @Test
    void readsWebVttWithNotesIdentifiersShortTimesAndSettings() {
        Captions captions = parse("WEBVTT - a talk\n\nNOTE written by hand\nstill the note\n\nintro\n"
                + "00:01.000 --> 00:02.000 align:start\n<v Ann>Hi</v>\n\n01:00:00.000 --> 01:00:01.500\nLate\n");
        assertThat(captions.cues()).containsExactly(new Cue(1, 2, "Hi"), new Cue(3600, 3601.5, "Late"));
    }

    @Test
    void groupsAJsonWordListIntoCuesAtSentenceEnds() {
        Captions captions = parse("""
                {"text": "ignored", "words": [
                  {"word": "Hello", "start": 0.0, "end": 0.4},
                  {"word": "world.", "start": 0.5, "end": 0.9},
                  {"word": "Next", "start": 1.0, "end": 1.3}
                ]}""");
        assertThat(captions.cues()).extracting(Cue::text).containsExactly("Hello world.", "Next");
        assertThat(captions.cues().get(0).words()).hasSize(2);
        assertThat(captions.cues().get(1).start()).isEqualTo(1.0);
    }

    @Test
    void aBrokenTimingLineIsReportedWithItsLineNumber() {
        assertThatThrownBy(() -> parse("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03 -> 00:00:04\nbad\n"))
                .isInstanceOfSatisfying(CaptionParseException.class, e -> assertThat(e.line()).isEqualTo(6))
                .hasMessageContaining("line 6");
    }

    @Test
    void aCueEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> parse("1\n00:00:05,000 --> 00:00:02,000\nbackwards\n"))
                .isInstanceOfSatisfying(CaptionParseException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void aWordWithoutTimesNamesItsLine() {
        assertThatThrownBy(() -> parse("[\n {\"word\": \"a\", \"start\": 0, \"end\": 1},\n {\"word\": \"b\"}\n]"))
                .isInstanceOfSatisfying(CaptionParseException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void malformedJsonNamesItsLine() {
        assertThatThrownBy(() -> parse("[\n{\"word\": \"a\", \"start\": 0, \"end\": 1},\n{\"word\": }\n]"))
                .isInstanceOfSatisfying(CaptionParseException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void textThatIsNotUtf8IsRefused() {
        byte[] latin1 = "1\n00:00:01,000 --> 00:00:02,000\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CaptionParser.parse(latin1))
                .isInstanceOfSatisfying(CaptionParseException.class, e -> assertThat(e.line()).isEqualTo(3));
    }
}
