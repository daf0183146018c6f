package dev.clipflow.clipworker.captions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.clipflow.clipworker.TestMedia;
import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.render.JobRenderer;
import dev.clipflow.clipworker.render.JobWorkspace;
import dev.clipflow.clipworker.selection.ExplicitRangeSelector;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.captions.CaptionParser;
import dev.clipflow.contracts.captions.CaptionStyle;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.captions.CaptionsStatus;
import dev.clipflow.contracts.captions.Cue;
import dev.clipflow.contracts.captions.Word;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.CaptionsRequest;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.metadata.JobMetadata;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captions burned in by the clip's own ffmpeg run and stored beside it, checked on the rendered frames. */
class BurnedCaptionsTest {

    static final String SRT = """
            1
            00:00:01,000 --> 00:00:03,000
            before the clip

            2
            00:00:03,000 --> 00:00:05,000
            HELLO CAPTIONS

            3
            00:00:09,000 --> 00:00:12,000
            after the clip
            """;

    @TempDir
    static Path shared;
    @TempDir
    Path work;

    static Path source;

    private final ProcessRunner runner = new ProcessRunner();
    private final MediaProber prober = new MediaProber(TestMedia.FFMPEG, runner);
    private final JobRenderer renderer = new JobRenderer(TestMedia.FFMPEG, runner, prober, TestMedia.RENDER,
            new CaptionImages(new CaptionPainter(CaptionFonts.find(Path.of("/usr/share/fonts")))));

    @BeforeAll
    static void generateSource() {
        source = TestMedia.plainVideo(shared.resolve("plain.mp4"), 10, 1280, 720, 30);
    }

    @Test
    void aKnownSrtIsBurnedInWhereItsCueIsAndReadBackByOcr() throws Exception {
        Optional<Path> tesseract = Ocr.tesseract();
        assumeThat(tesseract).as("needs Debian's tesseract-ocr and tesseract-ocr-eng (see .ci/run)").isPresent();
        JobRequested job = job(List.of(RequestedClip.of(2, 8)), CaptionStyle.PLAIN);
        JobRendered rendered = render(job, CaptionParser.parse(SRT.getBytes(StandardCharsets.UTF_8)));
        Path clip = workspace(job).clip(1);

        // Clip time: "HELLO CAPTIONS" from 1 s to 3 s; nothing after 3 s.
        String during = Ocr.read(tesseract.get(), png(clip, 2.0));
        String after = Ocr.read(tesseract.get(), png(clip, 4.5));
        assertThat(during).contains("HELLO").contains("CAPTIONS");
        assertThat(after).doesNotContain("HELLO").doesNotContain("CAPTIONS").doesNotContain("CLIP");
        assertThat(rendered.captions().status()).isEqualTo(CaptionsStatus.BURNED);
        assertThat(TestMedia.probe(clip).path("format").path("duration").asDouble()).as("the clip keeps its length")
                .isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void theSidecarsBesideTheClipHaveClipTimesAndTheMetadataNamesThem() throws Exception {
        JobRequested job = job(List.of(RequestedClip.of(2, 8)), CaptionStyle.NONE);
        JobRendered rendered = render(job, CaptionParser.parse(SRT.getBytes(StandardCharsets.UTF_8)));
        JobWorkspace workspace = workspace(job);

        String srt = Files.readString(workspace.subtitles(1, "srt"));
        assertThat(srt).isEqualTo("1\n00:00:00,000 --> 00:00:01,000\nbefore the clip\n\n"
                + "2\n00:00:01,000 --> 00:00:03,000\nHELLO CAPTIONS\n\n");
        assertThat(Files.readString(workspace.subtitles(1, "vtt"))).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n");
        JobMetadata metadata = ClipflowJson.decodeMetadata(Files.readAllBytes(workspace.metadata()));
        assertThat(metadata.shorts().get(0).captionsFile()).isEqualTo(workspace.subtitles(1, "srt").getFileName().toString());
        assertThat(metadata.shorts().get(0).captionsText()).isEqualTo("before the clip HELLO CAPTIONS");
        assertThat(metadata.captions().status()).isEqualTo(CaptionsStatus.FILES);
        assertThat(rendered.artifacts()).extracting(JobRendered.RenderedArtifact::kind)
                .contains(ArtifactKind.SUBTITLES_SRT, ArtifactKind.SUBTITLES_VTT);
        assertThat(rendered.clips().get(0).captions()).isEqualTo(metadata.shorts().get(0).captionsFile());
        assertThat(noTemporaryFiles(workspace)).isTrue();
    }

    @Test
    void karaokeHighlightsTheWordBeingSpoken() throws Exception {
        JobRequested job = job(List.of(RequestedClip.of(1, 6)), CaptionStyle.KARAOKE);
        // In clip time: ONE 1-2 s, TWO 2-3 s, THREE 3-4 s.
        Captions captions = new Captions(List.of(new Cue(2, 5, "ONE TWO THREE",
                List.of(new Word(2, 3, "ONE"), new Word(3, 4, "TWO"), new Word(4, 5, "THREE")))));
        render(job, captions);
        Path clip = workspace(job).clip(1);

        double[] first = highlightCentre(TestMedia.frameAt(clip, 1.5, work.resolve("k1.png")));
        double[] last = highlightCentre(TestMedia.frameAt(clip, 3.5, work.resolve("k3.png")));
        double[] before = highlightCentre(TestMedia.frameAt(clip, 0.5, work.resolve("k0.png")));
        assertThat(first[0]).as("highlighted pixels while ONE is spoken").isGreaterThan(200);
        assertThat(last[0]).as("highlighted pixels while THREE is spoken").isGreaterThan(200);
        assertThat(first[1]).as("ONE is left of THREE").isLessThan(last[1] - 100);
        assertThat(before[0]).as("no caption before the cue").isZero();
    }

    /** How many pixels have the highlight colour, and their mean x. */
    static double[] highlightCentre(BufferedImage frame) {
        long count = 0;
        double sumX = 0;
        for (int y = 0; y < frame.getHeight(); y++) {
            for (int x = 0; x < frame.getWidth(); x++) {
                int rgb = frame.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r > 200 && g > 160 && b < 90) {
                    count++;
                    sumX += x;
                }
            }
        }
        return new double[] {count, count == 0 ? 0 : sumX / count};
    }

    private Path png(Path clip, double at) {
        Path file = work.resolve("frame-" + at + ".png");
        TestMedia.frameAt(clip, at, file);
        return file;
    }

    private JobRendered render(JobRequested job, Captions captions) {
        JobWorkspace workspace = workspace(job);
        workspace.create();
        ProbedMedia media = prober.probe(source);
        return renderer.render(job, workspace, source, media, new ExplicitRangeSelector().select(job, source, media),
                JobCaptions.of(captions, job.captions().style()), p -> { }).event();
    }

    private JobWorkspace workspace(JobRequested job) {
        return new JobWorkspace(work, job.jobId(), job.title());
    }

    private static JobRequested job(List<RequestedClip> clips, CaptionStyle style) {
        String jobId = JobId.newId();
        return new JobRequested(1, jobId, Instant.now(), "Captions", JobSource.uploaded("uploads/" + jobId + "/source.mp4",
                "plain.mp4", 1), clips, null, OutputFormat.ORIGINAL, FrameLayout.BLUR, null,
                CaptionsRequest.stored("uploads/" + jobId + "/captions.json", style));
    }

    private static boolean noTemporaryFiles(JobWorkspace workspace) throws Exception {
        try (var files = Files.list(workspace.dir())) {
            return files.noneMatch(f -> f.getFileName().toString().startsWith("temp_"));
        }
    }
}
