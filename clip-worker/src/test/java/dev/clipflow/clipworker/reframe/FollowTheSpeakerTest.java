package dev.clipflow.clipworker.reframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.metadata.JobMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A talk filmed 16:9 where the speaker is a real face photograph: still left of centre (0-3 s), walking
 * across to the right (3-7 s), then out of the frame (gone from about 7.8 s to the end at 10 s). The vertical
 * clip is checked as a viewer would, with a face detector run on the rendered frames.
 */
class FollowTheSpeakerTest {

    private static final int FPS = 30;
    private static final double DURATION = 10;
    /** The face is wholly inside the source frame until about 7.7 s. */
    private static final double FACE_VISIBLE_UNTIL = 7.5;
    /** Output frames are checked at this size, half the clip's in each direction. */
    private static final int CHECK_WIDTH = 540;
    private static final int CHECK_HEIGHT = 960;
    private static final double CHECK_FPS = 5;
    /** The face is 95 px of the 720 px high source: a quarter of the vertical frame's width once cropped. */
    private static final double CLOSE_UP = 0.15;

    @TempDir
    static Path shared;
    @TempDir
    Path work;

    static Path talk;

    private final ProcessRunner runner = new ProcessRunner();
    private final MediaProber prober = new MediaProber(TestMedia.FFMPEG, runner);
    private final JobRenderer renderer = new JobRenderer(TestMedia.FFMPEG, runner, prober, TestMedia.RENDER,
            TestMedia.reframer(runner));

    @BeforeAll
    static void filmTheTalk() {
        assumeTrue(FacePhoto.astronaut().isPresent(), FacePhoto::whyUnavailable);
        talk = shared.resolve("talk.mp4");
        // Top-left corner of the 512x512 photo; its face centre is 224 px right of it.
        String x = "if(lt(t,3),76,if(lt(t,7),76+(t-3)*175,776+(t-7)*333))";
        ProcessRunner.Result made = new ProcessRunner().run(List.of(TestMedia.FFMPEG.ffmpeg().toString(), "-v", "error",
                "-y", "-f", "lavfi", "-i", String.format(Locale.ROOT, "color=c=0x3a4550:s=1280x720:r=%d:d=%s", FPS, DURATION),
                "-loop", "1", "-i", FacePhoto.ASTRONAUT.toString(), "-filter_complex",
                "[1:v]format=rgba[speaker];[0:v][speaker]overlay=x='" + x + "':y=104,format=yuv420p",
                "-t", Double.toString(DURATION), "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", talk.toString()),
                Duration.ofMinutes(2), l -> { });
        assertThat(made.succeeded()).as(made.stderrTail()).isTrue();
    }

    @Test
    void byDefaultTheVerticalClipKeepsTheSpeakerInTheFrameAndBlursOnceTheyLeave() throws Exception {
        JobRequested job = job(null);

        Rendered clip = render(job);

        assertThat(faceShare(clip.frames, 0, FACE_VISIBLE_UNTIL)).as("share of frames with the speaker's face, close up")
                .isGreaterThanOrEqualTo(0.9);
        assertThat(clip.metadata.layout()).isEqualTo("track");
        assertThat(clip.metadata.trackedFaceShare()).as("the face is in the first 7.7 s of 10").isBetween(0.65, 0.85);
        assertThat(clip.metadata.duration()).isCloseTo(DURATION, within(1.0 / FPS + 0.03));
        assertThat(faceShare(clip.frames, 8.4, DURATION)).as("no face once the speaker left").isZero();
    }

    @Test
    void aSpeakerStandingStillGetsAStillPicture() throws Exception {
        Rendered clip = render(job(FrameLayout.TRACK));

        // The camera sets off 0.3 s before the speaker does (3 s).
        List<byte[]> still = between(clip.frames, 0, 2.5);
        double largest = 0;
        for (byte[] frame : still) {
            largest = Math.max(largest, meanDifference(still.get(0), frame));
        }
        assertThat(largest).as("largest mean luma change from the first frame while the speaker stands still")
                .isLessThan(1.5);
        List<byte[]> walking = between(clip.frames, 3.0, 7.0);
        assertThat(meanDifference(walking.get(0), walking.get(walking.size() - 1)))
                .as("but the picture changes while they walk").isGreaterThan(1.5);
    }

    @Test
    void aCentreCropLosesTheSpeakerThatTrackingKeeps() throws Exception {
        Rendered clip = render(job(FrameLayout.CROP));

        assertThat(faceShare(clip.frames, 0, FACE_VISIBLE_UNTIL)).as("share of frames with the speaker's face, close up")
                .isLessThan(0.5);
        assertThat(clip.metadata.layout()).isEqualTo("crop");
        assertThat(clip.metadata.trackedFaceShare()).isNull();
    }

    @Test
    void aClipWithNobodyInItIsBlurredByDefault() throws Exception {
        Path empty = TestMedia.video(work.resolve("empty.mp4"), 2, 640, 360, FPS, false);
        JobRequested job = job(null, RequestedClip.of(0, 2));

        Rendered clip = render(job, empty);

        assertThat(clip.metadata.layout()).isEqualTo("blur");
        assertThat(clip.metadata.trackedFaceShare()).isZero();
    }

    private record Rendered(JobMetadata.MetadataClip metadata, List<byte[]> frames) {
    }

    private Rendered render(JobRequested job) throws IOException {
        return render(job, talk);
    }

    private Rendered render(JobRequested job, Path video) throws IOException {
        JobWorkspace ws = new JobWorkspace(work, job.jobId(), job.title());
        ws.create();
        Path source = Files.copy(video, ws.source("mp4"), StandardCopyOption.REPLACE_EXISTING);
        ProbedMedia media = prober.probe(source);
        renderer.render(job, ws, source, media, new ExplicitRangeSelector().select(job, source, media), p -> { });
        JobMetadata metadata = ClipflowJson.decodeMetadata(Files.readAllBytes(ws.metadata()));
        return new Rendered(metadata.shorts().get(0), frames(ws.clip(1)));
    }

    /** The clip's frames, {@link #CHECK_FPS} a second, grey, at {@link #CHECK_WIDTH}x{@link #CHECK_HEIGHT}. */
    private List<byte[]> frames(Path clip) {
        List<byte[]> frames = new ArrayList<>();
        ProcessRunner.Result r = runner.runReading(List.of(TestMedia.FFMPEG.ffmpeg().toString(), "-v", "error",
                "-i", clip.toString(), "-vf", "fps=" + CHECK_FPS + ",scale=" + CHECK_WIDTH + ":" + CHECK_HEIGHT + ",format=gray",
                "-f", "rawvideo", "pipe:1"), Duration.ofMinutes(2), stream -> {
                    try {
                        byte[] frame;
                        while ((frame = stream.readNBytes(CHECK_WIDTH * CHECK_HEIGHT)).length == CHECK_WIDTH * CHECK_HEIGHT) {
                            frames.add(frame);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        assertThat(r.succeeded()).as(r.stderrTail()).isTrue();
        return frames;
    }

    private static List<byte[]> between(List<byte[]> frames, double from, double to) {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            double t = i / CHECK_FPS;
            if (t >= from && t < to) {
                kept.add(frames.get(i));
            }
        }
        return kept;
    }

    /**
     * Share of the frames between {@code from} and {@code to} s that show the face as a vertical clip should: at
     * least {@link #CLOSE_UP} of the frame width (the blurred layout's whole-picture copy shows it at a third of that).
     */
    private static double faceShare(List<byte[]> frames, double from, double to) {
        List<byte[]> checked = between(frames, from, to);
        int withFace = 0;
        try (FaceDetector detector = new FaceDetector(CHECK_WIDTH, CHECK_HEIGHT)) {
            for (byte[] frame : checked) {
                withFace += detector.detect(frame).stream().anyMatch(f -> f.width() >= CLOSE_UP * CHECK_WIDTH) ? 1 : 0;
            }
        }
        return (double) withFace / checked.size();
    }

    private static double meanDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / a.length;
    }

    private static JobRequested job(FrameLayout layout) {
        return job(layout, RequestedClip.of(0, DURATION));
    }

    private static JobRequested job(FrameLayout layout, RequestedClip range) {
        return new JobRequested(1, JobId.newId(), Instant.now(), "Talk", JobSource.uploaded("uploads/x/source.mp4", "talk.mp4", 1),
                List.of(range), null, OutputFormat.VERTICAL, layout, null);
    }
}
