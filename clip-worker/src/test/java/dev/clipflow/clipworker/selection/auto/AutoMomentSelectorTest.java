package dev.clipflow.clipworker.selection.auto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.clipflow.contracts.events.JobRequested.AutoSelection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoMomentSelectorTest {

    private static final double TOLERANCE = 0.5;
    private static final AutoSelection THREE_CLIPS = AutoSelection.DEFAULT;

    @TempDir
    static Path dir;
    static Path twoLoudPassages;
    static SignalExtractor extractor;

    @BeforeAll
    static void makeSource() throws Exception {
        extractor = SignalExtractor.withDefaultFfmpeg(AnalysisSettings.DEFAULT);
        // 3 minutes: silence except two loud 20 s passages, shots changing at 30, 75, 120 and 150 s.
        twoLoudPassages = new PlantedVideo(180, List.of(30.0, 75.0, 120.0, 150.0),
                List.of(new double[] {40, 60}, new double[] {100, 120}), 0).writeTo(dir.resolve("two-loud.mp4"));
    }

    @Test
    void measuresThePlantedSilencesAndSceneCuts() {
        Signals signals = extractor.extract(twoLoudPassages);

        assertThat(signals.durationSeconds()).isCloseTo(180, within(0.2));
        assertThat(signals.silences()).hasSize(3);
        assertThat(signals.silences().get(0).end()).isCloseTo(40, within(TOLERANCE));
        assertThat(signals.silences().get(1).start()).isCloseTo(60, within(TOLERANCE));
        assertThat(signals.silences().get(1).end()).isCloseTo(100, within(TOLERANCE));
        assertThat(signals.silences().get(2).start()).isCloseTo(120, within(TOLERANCE));
        assertThat(signals.sceneCuts()).extracting(Signals.SceneCut::t)
                .satisfiesExactly(
                        t -> assertThat(t).isCloseTo(30, within(TOLERANCE)),
                        t -> assertThat(t).isCloseTo(75, within(TOLERANCE)),
                        t -> assertThat(t).isCloseTo(120, within(TOLERANCE)),
                        t -> assertThat(t).isCloseTo(150, within(TOLERANCE)));
        assertThat(signals.loudness()).hasSizeGreaterThan(1700);
        assertThat(signals.motion()).hasSizeGreaterThan(850);
    }

    @Test
    void clipsCoverTheLoudPassagesAndStartAndEndAtTheirSilences() {
        AutoSelectionResult result = new AutoMomentSelector().select(extractor.extract(twoLoudPassages), THREE_CLIPS);

        assertThat(result.moments()).hasSize(2);
        SelectedMoment first = result.moments().get(0);
        SelectedMoment second = result.moments().get(1);
        assertThat(first.start()).isCloseTo(40, within(TOLERANCE));
        assertThat(first.end()).isCloseTo(60, within(TOLERANCE));
        assertThat(second.start()).isCloseTo(100, within(TOLERANCE));
        assertThat(second.end()).isCloseTo(120, within(TOLERANCE));
        assertThat(result.moments()).allSatisfy(moment -> {
            assertThat(moment.duration()).isBetween(15.0, 60.0);
            assertThat(moment.predictedScore()).isBetween(AutoMomentSelector.GOOD_SCORE, 1.0);
        });
        assertThat(first.reason()).contains("loudness peak at 00:4").contains("sound throughout");
        assertThat(result.note()).contains("2 of the 3 clips asked");
    }

    @Test
    void sameVideoAndOptionsGiveTheSameClips() {
        AutoSelection options = new AutoSelection(2, 15, 30);
        AutoSelectionResult once = new AutoMomentSelector().select(extractor.extract(twoLoudPassages), options);
        AutoSelectionResult again = new AutoMomentSelector().select(extractor.extract(twoLoudPassages), options);

        assertThat(again).isEqualTo(once);
    }

    @Test
    void oneClipAskedGivesOnlyTheBestMoment() {
        AutoSelectionResult result = new AutoMomentSelector().select(extractor.extract(twoLoudPassages),
                new AutoSelection(1, 15, 60));

        assertThat(result.moments()).hasSize(1);
        assertThat(result.note()).isNull();
    }

    @Test
    void inContinuousSoundClipsStartAndEndOnSceneCuts() throws Exception {
        // sound throughout (quiet at -20 dB), louder between two cuts at 25 and 55 s
        Path source = new PlantedVideo(90, List.of(25.0, 55.0), List.<double[]>of(new double[] {25, 55}), 0.1)
                .writeTo(dir.resolve("continuous.mp4"));

        AutoSelectionResult result = new AutoMomentSelector().select(extractor.extract(source),
                new AutoSelection(1, 15, 60));

        assertThat(result.moments()).singleElement().satisfies(moment -> {
            assertThat(moment.start()).isCloseTo(25, within(TOLERANCE));
            assertThat(moment.end()).isCloseTo(55, within(TOLERANCE));
        });
    }

    @Test
    void sourceShorterThanTheMinimumGivesOneClipOfTheWholeVideo() throws Exception {
        Path source = new PlantedVideo(10, List.of(4.0), List.<double[]>of(new double[] {2, 8}), 0)
                .writeTo(dir.resolve("short.mp4"));

        AutoSelectionResult result = new AutoMomentSelector().select(extractor.extract(source), THREE_CLIPS);

        assertThat(result.moments()).singleElement().satisfies(moment -> {
            assertThat(moment.start()).isZero();
            assertThat(moment.end()).isCloseTo(10, within(0.2));
            assertThat(moment.reason()).startsWith("the whole video");
        });
        assertThat(result.note()).contains("shorter than clip_min_seconds");
    }

    @Test
    void silentStaticSourceGivesOneClipAndSaysNothingStoodOut() throws Exception {
        Path source = new PlantedVideo(60, List.of(30.0), List.of(), 0).writeTo(dir.resolve("silent.mp4"));

        AutoSelectionResult result = new AutoMomentSelector().select(extractor.extract(source), THREE_CLIPS);

        assertThat(result.moments()).hasSize(1);
        assertThat(result.moments().get(0).predictedScore()).isLessThan(AutoMomentSelector.GOOD_SCORE);
        assertThat(result.note()).contains("nothing in the source stands out");
    }
}
