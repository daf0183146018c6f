package dev.clipflow.gateway.submit;

import dev.clipflow.gateway.error.ApiException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.source.SourceUrlPolicy;
import dev.clipflow.gateway.submit.JobValidator.ValidJob;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class JobValidatorTest {

    private final JobValidator validator = new JobValidator(new SourceUrlPolicy(false), new SourceUrlPolicy(false));

    private static JobSubmission url(String url) {
        return new JobSubmission(url, null, null, null, null, null, null, null, null, null);
    }

    private static JobSubmission withClips(List<SubmittedClip> clips) {
        return new JobSubmission(null, null, clips, null, null, null, null, null, null, null);
    }

    private AbstractThrowableAssert<?, ?> refused(JobSubmission s, boolean file, String code, String field) {
        return assertThatThrownBy(() -> validator.validate(s, file))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    @Test
    void aPublicUrlWithDefaultsBecomesAnAutomaticVerticalJob() {
        ValidJob job = validator.validate(url("https://93.184.216.34/talk.mp4"), false);
        assertThat(job.sourceUrl()).isEqualTo("https://93.184.216.34/talk.mp4");
        assertThat(job.outputFormat()).isEqualTo(OutputFormat.VERTICAL);
        assertThat(job.layout()).as("follow the speaker unless told otherwise").isEqualTo(FrameLayout.AUTO);
        assertThat(job.auto()).isNotNull();
        assertThat(job.clips()).isEmpty();
    }

    @Test
    void explicitRangesWithDecimalsAreKept() {
        ValidJob job = validator.validate(withClips(List.of(new SubmittedClip(1.5, 7.25, "intro", "tt", "ig"))), true);
        assertThat(job.clips()).singleElement().satisfies(c -> {
            assertThat(c.start()).isEqualTo(1.5);
            assertThat(c.end()).isEqualTo(7.25);
            assertThat(c.tiktokDesc()).isEqualTo("tt");
        });
        assertThat(job.auto()).isNull();
    }

    @Test
    void aJobWithoutAnySourceIsRefused() {
        refused(withClips(null), false, "missing_source", "source_url");
    }

    @Test
    void aFileAndAUrlTogetherAreRefused() {
        refused(url("https://93.184.216.34/a.mp4"), true, "conflicting_sources", "source_url");
    }

    @Test
    void nonHttpSchemesAreRefused() {
        refused(url("file:///etc/passwd"), false, "unsupported_scheme", "source_url");
        refused(url("ftp://93.184.216.34/a.mp4"), false, "unsupported_scheme", "source_url");
    }

    @Test
    void loopbackPrivateAndLinkLocalAddressesAreRefused() {
        refused(url("http://127.0.0.1:8080/a.mp4"), false, "forbidden_address", "source_url");
        refused(url("http://10.1.2.3/a.mp4"), false, "forbidden_address", "source_url");
        refused(url("http://169.254.169.254/latest/meta-data"), false, "forbidden_address", "source_url");
        refused(url("http://[::1]/a.mp4"), false, "forbidden_address", "source_url");
    }

    @Test
    void privateAddressesPassWhenAllowed() {
        JobValidator permissive = new JobValidator(new SourceUrlPolicy(true), new SourceUrlPolicy(true));
        assertThat(permissive.validate(url("http://127.0.0.1:9000/a.mp4"), false).sourceUrl()).contains("127.0.0.1");
    }

    @Test
    void negativeStartAndEndNotAfterStartAreRefusedNamingTheClip() {
        refused(withClips(List.of(new SubmittedClip(-1.0, 5.0, null, null, null))), true, "invalid_clip_range", "clips[0].start");
        refused(withClips(List.of(new SubmittedClip(0.0, 5.0, null, null, null), new SubmittedClip(5.0, 5.0, null, null, null))),
                true, "invalid_clip_range", "clips[1].end");
        refused(withClips(List.of(new SubmittedClip(null, 5.0, null, null, null))), true, "invalid_clip_range", "clips[0].start");
    }

    @Test
    void moreThanFifteenClipsAreRefused() {
        List<SubmittedClip> clips = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clips.add(new SubmittedClip(i * 10.0, i * 10.0 + 5, null, null, null));
        }
        refused(withClips(clips), true, "too_many_clips", "clips");
        assertThat(validator.validate(withClips(clips.subList(0, 15)), true).clips()).hasSize(15);
    }

    @Test
    void unknownOutputFormatAndLayoutAreRefused() {
        refused(new JobSubmission(null, null, null, null, null, null, "portrait", null, null, null), true,
                "unknown_output_format", "output_format");
        refused(new JobSubmission(null, null, null, null, null, null, "square", "stretch", null, null), true,
                "unknown_layout", "layout").hasMessageContaining("blur, crop, track or auto");
    }

    @Test
    void everyLayoutIsAcceptedByName() {
        for (FrameLayout layout : FrameLayout.values()) {
            ValidJob job = validator.validate(new JobSubmission(null, null, null, null, null, null, "vertical",
                    layout.wireName(), null, null), true);
            assertThat(job.layout()).isEqualTo(layout);
        }
    }

    @Test
    void titlesOverTwoHundredCharactersAreRefused() {
        refused(new JobSubmission(null, "x".repeat(201), null, null, null, null, null, null, null, null), true,
                "title_too_long", "title");
        assertThat(validator.validate(new JobSubmission(null, "x".repeat(200), null, null, null, null, null, null, null, null),
                true).title()).hasSize(200);
    }

    @Test
    void automaticSelectionBoundsAreChecked() {
        refused(new JobSubmission(null, null, null, 0, null, null, null, null, null, null), true, "invalid_target_clips", "target_clips");
        refused(new JobSubmission(null, null, null, 16, null, null, null, null, null, null), true, "invalid_target_clips", "target_clips");
        refused(new JobSubmission(null, null, null, 3, 30.0, 10.0, null, null, null, null), true, "invalid_clip_length", "clip_max_seconds");
        refused(new JobSubmission(null, null, null, 3, 0.0, null, null, null, null, null), true, "invalid_clip_length", "clip_min_seconds");
        ValidJob job = validator.validate(new JobSubmission(null, null, null, 5, 10.0, 20.0, null, null, null, null), true);
        assertThat(job.auto().targetClips()).isEqualTo(5);
        assertThat(job.auto().clipMaxSeconds()).isEqualTo(20.0);
    }

    @Test
    void webhooksFollowTheSameUrlRulesAndASecretNeedsAUrl() {
        refused(new JobSubmission(null, null, null, null, null, null, null, null, "http://192.168.1.5/hook", null), true,
                "forbidden_address", "webhook_url");
        refused(new JobSubmission(null, null, null, null, null, null, null, null, null, "s3cret"), true,
                "missing_webhook_url", "webhook_url");
        ValidJob job = validator.validate(new JobSubmission(null, null, null, null, null, null, null, null,
                "https://93.184.216.34/hook", "s3cret"), true);
        assertThat(job.webhook().secret()).isEqualTo("s3cret");
    }
}
