package dev.clipflow.clipworker.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.clipflow.clipworker.selection.MomentSelector.Selection;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.captions.Word;
import dev.clipflow.contracts.events.JobRequested.AutoSelection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechEdgesTest {

    /** Words of 0.4 s every 0.5 s from 0 to 60 s; every tenth word ends a sentence. */
    private static final Captions SPEECH;

    static {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            words.add(new Word(i * 0.5, i * 0.5 + 0.4, i % 10 == 9 ? "end." : "word"));
        }
        SPEECH = Captions.fromWords(words);
    }

    private static Selection auto(double start, double end) {
        return new Selection("auto", 1, List.of(new PlannedClip(1, start, end, null, null, null, 0.5, "test")), null);
    }

    @Test
    void edgesNearASentenceBoundaryMoveToIt() {
        // Sentences end at 4.9 s, 9.9 s, ...; the next one starts at 5.0 s, 10.0 s, ...
        PlannedClip clip = SpeechEdges.adjust(auto(11.2, 28.6), SPEECH, new AutoSelection(1, 5, 30), 60).clips().get(0);
        assertThat(clip.start()).isCloseTo(10.0 - 0.05, within(1e-9));
        assertThat(clip.end()).isCloseTo(29.9 + 0.05, within(1e-9));
    }

    @Test
    void noEdgeIsLeftInsideAWordWhenNoSentenceBoundaryIsNear() {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            words.add(new Word(i * 0.5, i * 0.5 + 0.4, "word"));
        }
        Captions noSentences = Captions.fromWords(words);
        PlannedClip clip = SpeechEdges.adjust(auto(11.15, 28.63), noSentences, new AutoSelection(1, 5, 30), 60)
                .clips().get(0);
        assertThat(SpeechEdges.insideWord(clip.start(), noSentences.words())).isFalse();
        assertThat(SpeechEdges.insideWord(clip.end(), noSentences.words())).isFalse();
        assertThat(clip.start()).isCloseTo(11.0 - 0.05, within(1e-9));
        assertThat(clip.end()).isCloseTo(28.4 + 0.05, within(1e-9));
    }

    @Test
    void anEdgeStaysWhereItIsWhenMovingItWouldBreakTheLengthBounds() {
        PlannedClip clip = SpeechEdges.adjust(auto(11.2, 28.6), SPEECH, new AutoSelection(1, 5, 17.4), 60).clips().get(0);
        assertThat(clip.start()).isEqualTo(11.2);
        assertThat(clip.end()).isEqualTo(28.6);
    }
}
