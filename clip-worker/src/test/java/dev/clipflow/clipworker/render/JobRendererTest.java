package dev.clipflow.clipworker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clipflow.clipworker.JobFailure;
import dev.clipflow.clipworker.TestMedia;
import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.clipworker.selection.ExplicitRangeSelector;
import dev.clipflow.clipworker.selection.MomentSelector.Selection;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobRendererTest {

    private static final int FPS = 30;
    private static final List<RequestedClip> THREE_RANGES = List.of(
            new RequestedClip(0.5, 1.5, "First", "tiktok one", "insta one"),
            RequestedClip.of(3.2, 4.4),
            RequestedClip.of(6.0, 7.0));

    @TempDir
    static Path shared;
    @TempDir
    Path work;

    static Path landscapeSource;

    private final ProcessRunner runner = new ProcessRunner();
    private final MediaProber prober = new MediaProber(TestMedia.FFMPEG, runner);
    private final JobRenderer renderer = new JobRenderer(TestMedia.FFMPEG, runner, prober, TestMedia.RENDER,
            TestMedia.reframer(runner));

    @BeforeAll
    static void generateSource() {
        landscapeSource = TestMedia.video(shared.resolve("landscape.mp4"), 8, 640, 360, FPS, true);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void threeRangesAreCutToTheFrameInEveryOutputFormat(OutputFormat format) throws Exception {
        JobRequested job = job("Range test", THREE_RANGES, format, FrameLayout.BLUR);

        JobRenderer.Outcome outcome = render(job);

        int[] expected = format == OutputFormat.ORIGINAL ? new int[] {640, 360} : new int[] {format.width(), format.height()};
        for (int i = 0; i < THREE_RANGES.size(); i++) {
            Path clip = workspace(job).clip(i + 1);
            JsonNode probe = TestMedia.probe(clip);
            JsonNode video = TestMedia.stream(probe, "video");
            double wanted = THREE_RANGES.get(i).duration();
            assertThat(video.path("width").asInt()).isEqualTo(expected[0]);
            assertThat(video.path("height").asInt()).isEqualTo(expected[1]);
            assertThat(video.path("codec_name").asText()).isEqualTo("h264");
            assertThat(video.path("nb_read_frames").asInt()).as("frames of clip %d", i + 1)
                    .isCloseTo((int) Math.round(wanted * FPS), within(1));
            assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(wanted, within(1.0 / FPS + 0.03));
            assertThat(TestMedia.stream(probe, "audio").path("codec_name").asText()).isEqualTo("aac");
        }
        assertThat(outcome.clipsRendered()).isEqualTo(3);
        assertThat(noTemporaryFiles(job)).isTrue();
        System.out.printf("render %s: %.1f s of output in %.2f s wall, realtime factor %.2f%n", format,
                outcome.renderedOutputSeconds(), outcome.renderWallSeconds(), outcome.realtimeFactor());
    }

    @Test
    void theFirstFrameOfAClipIsTheFrameAtTheRangeStart() throws Exception {
        // testsrc2 draws a running frame counter: compare the clip's first frame with the source frame at 3.2 s.
        JobRequested job = job("First frame", List.of(RequestedClip.of(3.2, 3.6)), OutputFormat.ORIGINAL, FrameLayout.BLUR);
        render(job);

        Path fromClip = work.resolve("clip-first.png");
        Path fromSource = work.resolve("source-at.png");
        frame(workspace(job).clip(1), 0, "scale=640:360", fromClip);
        frame(landscapeSource, 3.2, "scale=640:360", fromSource);
        assertThat(psnr(fromClip, fromSource)).isGreaterThan(30);
        Path neighbour = work.resolve("source-next.png");
        frame(landscapeSource, 3.2 + 2.0 / FPS, "scale=640:360", neighbour);
        assertThat(psnr(fromClip, neighbour)).isLessThan(psnr(fromClip, fromSource));
    }

    @Test
    void theAudioIsNormalisedToAboutMinus14Lufs() {
        Path quiet = TestMedia.video(work.resolve("quiet.mp4"), 6, 320, 180, FPS, true);
        JobRequested job = job("Loud", List.of(RequestedClip.of(0.5, 5.5)), OutputFormat.ORIGINAL, FrameLayout.BLUR);
        Path jobSource = copy(quiet, workspace(job));
        ProbedMedia media = prober.probe(jobSource);
        assertThat(TestMedia.integratedLoudness(quiet)).isLessThan(-30);

        renderer.render(job, workspace(job), jobSource, media, select(job, jobSource, media), p -> { });

        assertThat(TestMedia.integratedLoudness(workspace(job).clip(1))).isCloseTo(-14.0, within(1.5));
    }

    @Test
    void theMetadataDocumentDescribesEveryClipAndIsWrittenLast() throws Exception {
        JobRequested job = job("My talk: part 1/2", THREE_RANGES, OutputFormat.SQUARE, FrameLayout.CROP);
        List<Integer> progress = new ArrayList<>();

        JobRendered rendered = renderCollectingProgress(job, progress).event();

        JobWorkspace ws = workspace(job);
        assertThat(ws.metadata().getFileName().toString()).isEqualTo("My_talk_part_12_metadata.json");
        JobMetadata metadata = ClipflowJson.decodeMetadata(Files.readAllBytes(ws.metadata()));
        assertThat(metadata.jobId()).isEqualTo(job.jobId());
        assertThat(metadata.title()).isEqualTo("My talk: part 1/2");
        assertThat(metadata.outputFormat()).isEqualTo(OutputFormat.SQUARE);
        assertThat(metadata.sourceVideo()).isEqualTo("talk.mp4");
        assertThat(metadata.selection().method()).isEqualTo("explicit");
        assertThat(metadata.sourceDuration()).as("what a recut's ranges must stay within")
                .isCloseTo(prober.probe(landscapeSource).durationSeconds(), within(0.001));
        assertThat(metadata.shorts()).hasSize(3);
        JobMetadata.MetadataClip first = metadata.shorts().get(0);
        assertThat(first.start()).isEqualTo(0.5);
        assertThat(first.end()).isEqualTo(1.5);
        assertThat(first.videoTitleForYoutubeShort()).isEqualTo("First");
        assertThat(first.videoDescriptionForTiktok()).isEqualTo("tiktok one");
        assertThat(first.videoDescriptionForInstagram()).isEqualTo("insta one");
        assertThat(first.file()).isEqualTo("My_talk_part_12_clip_1.mp4");
        assertThat(first.thumbnail()).isEqualTo("My_talk_part_12_clip_1.jpg");
        assertThat(first.width()).isEqualTo(1080);
        assertThat(first.height()).isEqualTo(1080);
        assertThat(first.duration()).isCloseTo(1.0, within(0.05));
        assertThat(first.sizeBytes()).isEqualTo(Files.size(ws.clip(1)));
        assertThat(first.sha256()).isEqualTo(JobWorkspace.sha256(ws.clip(1)));
        assertThat(metadata.shorts().get(1).videoTitleForYoutubeShort()).isEqualTo("My talk: part 1/2 #2");
        JsonNode raw = ClipflowJson.mapper().readTree(Files.readAllBytes(ws.metadata()));
        assertThat(raw.path("shorts").get(0).has("video_title_for_youtube_short")).isTrue();
        assertThat(raw.has("job_id")).isTrue();
        for (int n = 1; n <= 3; n++) {
            assertThat(Files.getLastModifiedTime(ws.metadata())).isGreaterThanOrEqualTo(Files.getLastModifiedTime(ws.clip(n)));
            assertThat(Files.readAllBytes(ws.thumbnail(n))).startsWith((byte) 0xFF, (byte) 0xD8);
        }

        assertThat(rendered.artifacts()).hasSize(7);
        assertThat(rendered.artifacts()).filteredOn(a -> a.kind() == ArtifactKind.CLIP)
                .extracting(JobRendered.RenderedArtifact::clipNumber).containsExactly(1, 2, 3);
        assertThat(rendered.artifacts().get(6).kind()).isEqualTo(ArtifactKind.METADATA);
        assertThat(rendered.artifacts().get(6).sha256()).isEqualTo(JobWorkspace.sha256(ws.metadata()));
        assertThat(rendered.clips()).extracting(JobRendered.RenderedClip::number).containsExactly(1, 2, 3);
        assertThat(rendered.metadataKey()).isEqualTo(ObjectKeys.metadata(rendered.jobId(), rendered.title()));
        assertThat(progress).isSorted().last().isEqualTo(100);
    }

    @Test
    void aFinishedJobIsRecognisedWithoutRenderingAgain() throws Exception {
        JobRequested job = job("Done once", THREE_RANGES.subList(0, 2), OutputFormat.ORIGINAL, FrameLayout.BLUR);
        JobRendered first = render(job).event();
        var before = Files.getLastModifiedTime(workspace(job).clip(1));

        JobRendered again = renderer.completed(job, workspace(job)).orElseThrow();

        assertThat(again.artifacts()).isEqualTo(first.artifacts());
        assertThat(again.clips()).isEqualTo(first.clips());
        assertThat(Files.getLastModifiedTime(workspace(job).clip(1))).isEqualTo(before);
    }

    @Test
    void aJobInterruptedMidwayKeepsItsFinishedClipAndReplacesThePartialOne() throws Exception {
        JobRequested job = job("Crashed", THREE_RANGES, OutputFormat.ORIGINAL, FrameLayout.BLUR);
        JobWorkspace ws = workspace(job);
        JobRendered complete = render(job).event();
        String firstSha = JobWorkspace.sha256(ws.clip(1));
        // What a worker killed during clip 2 leaves: clip 1 done, clip 2 half-written under its temp name, no metadata.
        Files.delete(ws.metadata());
        Files.write(ws.temporaryFor(ws.clip(2)), Files.readAllBytes(ws.clip(2)), java.nio.file.StandardOpenOption.CREATE);
        Files.write(ws.clip(2), java.util.Arrays.copyOf(Files.readAllBytes(ws.clip(2)), 5000));
        Files.delete(ws.clip(3));
        Files.delete(ws.thumbnail(3));
        assertThat(renderer.completed(job, ws)).isEmpty();

        ws.removeTemporaries();
        JobRenderer.Outcome resumed = render(job);

        assertThat(resumed.clipsRendered()).isEqualTo(2);
        assertThat(JobWorkspace.sha256(ws.clip(1))).isEqualTo(firstSha);
        try (Stream<Path> files = Files.list(ws.dir())) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly(
                    "Crashed_clip_1.jpg", "Crashed_clip_1.mp4", "Crashed_clip_2.jpg", "Crashed_clip_2.mp4",
                    "Crashed_clip_3.jpg", "Crashed_clip_3.mp4", "Crashed_metadata.json", "temp_source.mp4");
        }
        assertThat(TestMedia.stream(TestMedia.probe(ws.clip(2)), "video").path("nb_read_frames").asInt()).isCloseTo(36, within(1));
        assertThat(resumed.event().artifacts()).hasSize(complete.artifacts().size());
    }

    @Test
    void aFailingFfmpegGivesRenderFailedWithItsErrorOutput() throws Exception {
        JobRequested job = job("Broken", List.of(RequestedClip.of(0, 1)), OutputFormat.ORIGINAL, FrameLayout.BLUR);
        Path source = copy(landscapeSource, workspace(job));
        ProbedMedia media = prober.probe(source);
        Files.delete(source);

        assertThatThrownBy(() -> renderer.render(job, workspace(job), source, media, select(job, source, media), p -> { }))
                .isInstanceOfSatisfying(JobFailure.class, f -> {
                    assertThat(f.code()).isEqualTo(FailureCode.RENDER_FAILED);
                    assertThat(f.getMessage()).contains("No such file or directory");
                });
        assertThat(noTemporaryFiles(job)).isTrue();
    }

    @Test
    void anFfmpegRunOverItsTimeLimitIsKilledAndReported() {
        JobRenderer impatient = new JobRenderer(TestMedia.FFMPEG, runner, prober,
                new RenderSettings("veryslow", 21, 0, Duration.ofMillis(300), 1), TestMedia.reframer(runner));
        JobRequested job = job("Slow", List.of(RequestedClip.of(0, 7)), OutputFormat.VERTICAL, FrameLayout.BLUR);
        Path source = copy(landscapeSource, workspace(job));
        ProbedMedia media = prober.probe(source);
        long started = System.nanoTime();

        assertThatThrownBy(() -> impatient.render(job, workspace(job), source, media, select(job, source, media), p -> { }))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(FailureCode.RENDER_TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aJobsClipsRenderTwoAtATimeWithProgressThatNeverGoesBack() throws Exception {
        Path runs = work.resolve("runs.log");
        JobRenderer watched = new JobRenderer(ffmpegWrapper("""
                case "$*" in *-progress*) echo start >> %s; "$FFMPEG" "$@"; rc=$?; echo end >> %s; exit $rc;; esac
                exec "$FFMPEG" "$@"
                """.formatted(runs, runs)), runner, prober, RenderSettings.DEFAULT, TestMedia.reframer(runner));
        JobRequested job = job("Side by side", THREE_RANGES, OutputFormat.VERTICAL, FrameLayout.BLUR);
        JobWorkspace ws = workspace(job);
        Path source = copy(landscapeSource, ws);
        ProbedMedia media = prober.probe(source);
        List<Integer> progress = java.util.Collections.synchronizedList(new ArrayList<>());

        JobRenderer.Outcome outcome = watched.render(job, ws, source, media, select(job, source, media), progress::add);

        int running = 0;
        int mostAtOnce = 0;
        for (String line : Files.readAllLines(runs)) {
            running += line.equals("start") ? 1 : -1;
            mostAtOnce = Math.max(mostAtOnce, running);
        }
        assertThat(mostAtOnce).isEqualTo(2);
        assertThat(outcome.clipsRendered()).isEqualTo(3);
        assertThat(outcome.event().clips()).extracting(JobRendered.RenderedClip::number).containsExactly(1, 2, 3);
        for (int i = 0; i < THREE_RANGES.size(); i++) {
            assertThat(outcome.event().clips().get(i).duration()).isCloseTo(THREE_RANGES.get(i).duration(), within(1.0 / FPS + 0.03));
        }
        assertThat(progress).isNotEmpty().last().isEqualTo(100);
    }

    @Test
    void aClipThatFailsStopsTheClipRenderingBesideItAndFailsTheJob() throws Exception {
        JobRenderer failingSecond = new JobRenderer(ffmpegWrapper("""
                case "$*" in *clip_2.mp4*) sleep 0.3; echo "simulated encoder crash" >&2; exit 1;; esac
                exec "$FFMPEG" "$@"
                """), runner, prober, RenderSettings.DEFAULT, TestMedia.reframer(runner));
        JobRequested job = job("Half", List.of(RequestedClip.of(0, 7.5), RequestedClip.of(1, 2)), OutputFormat.VERTICAL, FrameLayout.BLUR);
        JobWorkspace ws = workspace(job);
        Path source = copy(landscapeSource, ws);
        ProbedMedia media = prober.probe(source);

        assertThatThrownBy(() -> failingSecond.render(job, ws, source, media, select(job, source, media), p -> { }))
                .isInstanceOfSatisfying(JobFailure.class, f -> {
                    assertThat(f.code()).isEqualTo(FailureCode.RENDER_FAILED);
                    assertThat(f.getMessage()).contains("clip 2").contains("simulated encoder crash");
                });
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ws.clip(1)).as("the 7.5 s clip was stopped, not finished").doesNotExist();
        assertThat(noTemporaryFiles(job)).isTrue();
    }

    /** FfmpegBinaries whose ffmpeg is a shell script around the real one ({@code $FFMPEG}). */
    private FfmpegBinaries ffmpegWrapper(String script) throws Exception {
        Path wrapper = work.resolve("ffmpeg-wrapper.sh");
        Files.writeString(wrapper, "#!/bin/bash\nFFMPEG='" + TestMedia.FFMPEG.ffmpeg() + "'\n" + script);
        wrapper.toFile().setExecutable(true);
        return new FfmpegBinaries(wrapper, TestMedia.FFMPEG.ffprobe());
    }

    @Test
    void aLandscapeSourceFillsAVerticalFrameOverABlurAndAPortraitOneIsPaddedInAHorizontalFrame() throws Exception {
        JobRequested vertical = job("Blur", List.of(RequestedClip.of(1, 2)), OutputFormat.VERTICAL, FrameLayout.BLUR);
        render(vertical);
        double[] verticalBands = bandLuma(workspace(vertical).clip(1), 9, 16, false);
        assertThat(verticalBands[0]).as("top band: blurred picture, not black").isGreaterThan(40);
        assertThat(verticalBands[1]).as("centre: the picture").isGreaterThan(40);

        Path portrait = TestMedia.video(work.resolve("portrait.mp4"), 2, 360, 640, FPS, false);
        JobRequested horizontal = job("Pad", List.of(RequestedClip.of(0.5, 1.5)), OutputFormat.HORIZONTAL, FrameLayout.BLUR);
        JobWorkspace ws = workspace(horizontal);
        ws.create();
        Files.copy(portrait, ws.source("mp4"));
        JobRenderer.Outcome padded = render(horizontal);
        double[] horizontalBands = bandLuma(ws.clip(1), 16, 9, true);
        assertThat(horizontalBands[0]).as("left band: black bar").isLessThan(20);
        assertThat(horizontalBands[1]).as("centre: the picture").isGreaterThan(40);
        assertThat(padded.event().clips().get(0).width()).isEqualTo(1920);
        assertThat(padded.event().clips().get(0).height()).isEqualTo(1080);
    }

    @Test
    void aCropFillsAVerticalFrameWithTheMiddleOfTheSourceInItsOwnProportions() throws Exception {
        JobRequested job = job("Crop", List.of(RequestedClip.of(1, 2)), OutputFormat.VERTICAL, FrameLayout.CROP);
        render(job);
        // The 640x360 source's middle 202x360, the largest 9:16 window in it, is what a user expects to see.
        Path expected = frame(landscapeSource, 1, "crop=202:360,scale=270:480", work.resolve("crop-expected.png"));
        Path clip = frame(workspace(job).clip(1), 0, "scale=270:480", work.resolve("crop-clip.png"));
        Path squeezed = frame(landscapeSource, 1, "scale=270:480", work.resolve("crop-squeezed.png"));

        assertThat(psnr(clip, expected)).as("the clip against the source's middle").isGreaterThan(30);
        assertThat(psnr(squeezed, expected)).as("what this test tells apart: the whole width squeezed in").isLessThan(20);
    }

    /** Mean luma of the first 5% band (top, or left when {@code vertical}) and of the centre band of the first frame. */
    private double[] bandLuma(Path clip, int w, int h, boolean leftBand) throws Exception {
        int width = w * 20;
        int height = h * 20;
        Path raw = work.resolve("frame-" + System.nanoTime() + ".gray");
        ProcessRunner.Result r = new ProcessRunner().run(List.of(TestMedia.FFMPEG.ffmpeg().toString(), "-v", "error", "-y",
                "-i", clip.toString(), "-frames:v", "1", "-s", width + "x" + height, "-pix_fmt", "gray", "-f", "rawvideo",
                raw.toString()), Duration.ofSeconds(30), l -> { });
        assertThat(r.succeeded()).as(r.stderrTail()).isTrue();
        byte[] pixels = Files.readAllBytes(raw);
        double edge = 0;
        double centre = 0;
        int edgeCount = 0;
        int centreCount = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int luma = pixels[y * width + x] & 0xff;
                double along = leftBand ? (double) x / width : (double) y / height;
                if (along < 0.05) {
                    edge += luma;
                    edgeCount++;
                } else if (along > 0.45 && along < 0.55) {
                    centre += luma;
                    centreCount++;
                }
            }
        }
        return new double[] {edge / edgeCount, centre / centreCount};
    }

    @Test
    void aRangePastTheEndOrAJobWithoutRangesIsRefusedWithItsReason() {
        ProbedMedia media = new ProbedMedia("mov,mp4,m4a,3gp,3g2,mj2", 8.0, 640, 360, 30, true);
        ExplicitRangeSelector selector = new ExplicitRangeSelector();

        assertThatThrownBy(() -> selector.select(job("x", List.of(RequestedClip.of(1, 2), RequestedClip.of(7, 9.5)),
                OutputFormat.VERTICAL, FrameLayout.BLUR), landscapeSource, media))
                .isInstanceOfSatisfying(JobFailure.class, f -> {
                    assertThat(f.code()).isEqualTo(FailureCode.RANGE_OUT_OF_BOUNDS);
                    assertThat(f.getMessage()).contains("clip 2").contains("7.000-9.500");
                });
        assertThatThrownBy(() -> selector.select(job("x", List.of(), OutputFormat.VERTICAL, FrameLayout.BLUR), landscapeSource, media))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(FailureCode.AUTO_SELECTION_UNAVAILABLE));
    }

    private JobRenderer.Outcome render(JobRequested job) {
        return renderCollectingProgress(job, new ArrayList<>());
    }

    private JobRenderer.Outcome renderCollectingProgress(JobRequested job, List<Integer> progress) {
        JobWorkspace ws = workspace(job);
        Path source = Files.exists(ws.source("mp4")) ? ws.source("mp4") : copy(landscapeSource, ws);
        ProbedMedia media = prober.probe(source);
        return renderer.render(job, ws, source, media, select(job, source, media), progress::add);
    }

    private static Selection select(JobRequested job, Path source, ProbedMedia media) {
        return new ExplicitRangeSelector().select(job, source, media);
    }

    private JobWorkspace workspace(JobRequested job) {
        return new JobWorkspace(work, job.jobId(), job.title());
    }

    private static Path copy(Path source, JobWorkspace ws) {
        try {
            ws.create();
            return Files.copy(source, ws.source("mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean noTemporaryFiles(JobRequested job) throws Exception {
        try (Stream<Path> files = Files.list(workspace(job).dir())) {
            return files.map(f -> f.getFileName().toString()).noneMatch(n -> n.startsWith("temp_") && !n.startsWith("temp_source"));
        }
    }

    private static JobRequested job(String title, List<RequestedClip> ranges, OutputFormat format, FrameLayout layout) {
        return new JobRequested(1, JobId.newId(), Instant.now(), title, JobSource.uploaded("uploads/x/source.mp4", "talk.mp4", 1),
                ranges, null, format, layout, null);
    }

    /** The first frame of {@code video} at or after {@code at} seconds, through {@code filter}, written to {@code png}. */
    private static Path frame(Path video, double at, String filter, Path png) {
        ProcessRunner.Result r = new ProcessRunner().run(List.of(TestMedia.FFMPEG.ffmpeg().toString(), "-v", "error", "-y",
                "-i", video.toString(), "-vf", "select=gte(t\\," + at + ")," + filter, "-frames:v", "1", png.toString()),
                Duration.ofSeconds(30), l -> { });
        assertThat(r.succeeded()).as(r.stderrTail()).isTrue();
        return png;
    }

    private static double psnr(Path a, Path b) {
        ProcessRunner.Result r = new ProcessRunner().run(List.of(TestMedia.FFMPEG.ffmpeg().toString(), "-hide_banner",
                "-i", a.toString(), "-i", b.toString(), "-lavfi", "psnr", "-f", "null", "-"), Duration.ofSeconds(30), l -> { });
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("average:(\\S+)").matcher(r.stderrTail());
        assertThat(m.find()).as(r.stderrTail()).isTrue();
        return m.group(1).equals("inf") ? 100 : Double.parseDouble(m.group(1));
    }
}
