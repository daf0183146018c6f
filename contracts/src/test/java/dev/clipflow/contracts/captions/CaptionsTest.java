package dev.clipflow.contracts.captions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.json.ClipflowJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionsTest {

    private final Captions source = new Captions(List.of(
            new Cue(8, 11, "before and across"),
            new Cue(12, 14, "in side", List.of(new Word(12, 13, "in"), new Word(13, 14, "side"))),
            new Cue(19, 22, "across the end"),
            new Cue(25, 26, "after")));

    @Test
    void aClipKeepsTheCuesItOverlapsCutAtItsEdgesInClipTime() {
        Captions clip = source.forClip(10, 20);
        assertThat(clip.cues()).extracting(Cue::start, Cue::end, Cue::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0.0, 1.0, "before and across"),
                org.assertj.core.groups.Tuple.tuple(2.0, 4.0, "in side"),
                org.assertj.core.groups.Tuple.tuple(9.0, 10.0, "across the end"));
        assertThat(clip.cues().get(1).words()).containsExactly(new Word(2, 3, "in"), new Word(3, 4, "side"));
        assertThat(clip.text()).isEqualTo("before and across in side across the end");
    }

    @Test
    void sidecarFilesCarryTheShiftedTimes() {
        Captions clip = source.forClip(10, 20);
        assertThat(CaptionFiles.srt(clip)).startsWith("1\n00:00:00,000 --> 00:00:01,000\nbefore and across\n\n2\n"
                + "00:00:02,000 --> 00:00:04,000\nin side\n\n");
        assertThat(CaptionFiles.vtt(clip)).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nbefore and across\n\n");
    }

    @Test
    void sidecarFilesReadBackAsTheSameCues() {
        Captions clip = new Captions(List.of(new Cue(0.5, 1.25, "a < b & c"), new Cue(3661.001, 3662, "two\nlines")));
        assertThat(CaptionParser.parse(CaptionFiles.srt(clip).getBytes()).cues()).isEqualTo(clip.cues());
        assertThat(CaptionParser.parse(CaptionFiles.vtt(clip).getBytes()).cues()).isEqualTo(clip.cues());
    }

    @Test
    void cuesWithoutWordTimesShareTheirTimeByWordLength() {
        List<Word> words = new Cue(0, 3, "aa bbbb").timedWords();
        assertThat(words).extracting(Word::text).containsExactly("aa", "bbbb");
        assertThat(words.get(0).end()).isEqualTo(1.0);
        assertThat(words.get(1).end()).isEqualTo(3.0);
    }

    @Test
    void theNormalizedDocumentRoundTrips() {
        assertThat(ClipflowJson.decodeCaptions(ClipflowJson.encodeCaptions(source))).isEqualTo(source);
    }
}
