package dev.clipflow.gateway.submit;

import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.captions.CaptionStyle;
import dev.clipflow.contracts.events.JobRequested.AutoSelection;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.events.JobRequested.Webhook;
import dev.clipflow.contracts.source.RejectedSourceUrlException;
import dev.clipflow.contracts.source.SourceUrlPolicy;
import dev.clipflow.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The edge checks of a submission; every refusal names the field and a stable code (422). */
@ApplicationScoped
public class JobValidator {

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 2200;
    public static final int MAX_SECRET_LENGTH = 256;

    private final SourceUrlPolicy sourcePolicy;
    private final SourceUrlPolicy webhookPolicy;
    private final boolean transcriptionConfigured;

    @Inject
    public JobValidator(GatewayConfig config) {
        this(new SourceUrlPolicy(config.sourceUrlAllowPrivate()), new SourceUrlPolicy(config.webhook().allowPrivate()),
                config.captions().transcribeUrl().isPresent());
    }

    public JobValidator(SourceUrlPolicy sourcePolicy, SourceUrlPolicy webhookPolicy) {
        this(sourcePolicy, webhookPolicy, false);
    }

    public JobValidator(SourceUrlPolicy sourcePolicy, SourceUrlPolicy webhookPolicy, boolean transcriptionConfigured) {
        this.sourcePolicy = sourcePolicy;
        this.webhookPolicy = webhookPolicy;
        this.transcriptionConfigured = transcriptionConfigured;
    }

    /** The checked options of a job; the source itself is added by the caller. */
    public record ValidJob(String title, String sourceUrl, List<RequestedClip> clips, AutoSelection auto,
                           OutputFormat outputFormat, FrameLayout layout, Webhook webhook, CaptionsChoice captions) {

        public ValidJob withTitle(String newTitle) {
            return new ValidJob(newTitle, sourceUrl, clips, auto, outputFormat, layout, webhook, captions);
        }
    }

    /** Where the job's captions come from, if anywhere: a file sent with it, a URL, or speech-to-text. */
    public record CaptionsChoice(boolean file, String url, boolean auto, CaptionStyle style) {
    }

    public ValidJob validate(JobSubmission s, boolean fileUploaded) {
        return validate(s, fileUploaded, false);
    }

    /** {@code captionsFileSent}: a captions file came with the job as its own part. */
    public ValidJob validate(JobSubmission s, boolean fileUploaded, boolean captionsFileSent) {
        String sourceUrl = blankToNull(s.sourceUrl());
        if (sourceUrl == null && !fileUploaded) {
            throw ApiException.invalid("missing_source", "send a video as the multipart field 'file' or give a 'source_url'", "source_url");
        }
        if (sourceUrl != null && fileUploaded) {
            throw ApiException.invalid("conflicting_sources", "give either a file or a 'source_url', not both", "source_url");
        }
        if (sourceUrl != null) {
            sourceUrl = checkUrl(sourcePolicy, sourceUrl, "source_url").toString();
        }
        String title = blankToNull(s.title());
        if (title != null && title.length() > MAX_TITLE_LENGTH) {
            throw ApiException.invalid("title_too_long", "title is longer than " + MAX_TITLE_LENGTH + " characters", "title");
        }
        List<RequestedClip> clips = clips(s.clips());
        AutoSelection auto = clips.isEmpty() ? auto(s) : null;
        return new ValidJob(title, sourceUrl, clips, auto, outputFormat(s.outputFormat()), layout(s.layout()), webhook(s),
                captions(s, captionsFileSent));
    }

    /** The checked options of a recut: the ranges (at least one), and format, layout, captions as for a job. */
    public record ValidRecut(List<RequestedClip> clips, OutputFormat outputFormat, FrameLayout layout, CaptionsChoice captions) {
    }

    /**
     * A recut's options, checked exactly as a job's; {@code outputFormat} stays null when not given (the job's own).
     * The source, title and webhook are the job's: a body naming them is refused.
     */
    public ValidRecut validateRecut(JobSubmission s) {
        if (blankToNull(s.sourceUrl()) != null) {
            throw ApiException.invalid("not_a_recut_option", "a recut cuts the job's own source; leave out source_url",
                    "source_url");
        }
        List<RequestedClip> clips = clips(s.clips());
        if (clips.isEmpty()) {
            throw ApiException.invalid("missing_clips", "a recut needs at least one range in 'clips'", "clips");
        }
        OutputFormat format = blankToNull(s.outputFormat()) == null ? null : outputFormat(s.outputFormat());
        return new ValidRecut(clips, format, layout(s.layout()), captions(s, false));
    }

    private CaptionsChoice captions(JobSubmission s, boolean fileSent) {
        String mode = blankToNull(s.captions());
        boolean auto = mode != null && mode.strip().equals("auto");
        if (mode != null && !auto) {
            throw ApiException.invalid("invalid_captions",
                    "captions is 'auto' in a JSON submission; send a captions file as the multipart part 'captions' "
                            + "or give a 'captions_url'", "captions");
        }
        String url = blankToNull(s.captionsUrl());
        if ((auto ? 1 : 0) + (url != null ? 1 : 0) + (fileSent ? 1 : 0) > 1) {
            throw ApiException.invalid("conflicting_captions",
                    "give one of a captions file, a 'captions_url' or captions=auto", "captions");
        }
        if (auto && !transcriptionConfigured) {
            throw ApiException.invalid("transcription_unavailable",
                    "captions=auto needs a speech-to-text service, and this Clipflow has none (TRANSCRIBE_URL is unset)",
                    "captions");
        }
        if (url != null) {
            url = checkUrl(sourcePolicy, url, "captions_url").toString();
        }
        CaptionStyle style = CaptionStyle.DEFAULT;
        if (blankToNull(s.captionStyle()) != null) {
            style = CaptionStyle.fromWireName(s.captionStyle().strip()).orElseThrow(() -> ApiException.invalid(
                    "unknown_caption_style", "caption_style must be plain, karaoke or none; got '"
                            + abbreviate(s.captionStyle()) + "'", "caption_style"));
        }
        return new CaptionsChoice(fileSent, url, auto, style);
    }

    private List<RequestedClip> clips(List<SubmittedClip> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (requested.size() > AutoSelection.MAX_CLIPS) {
            throw ApiException.invalid("too_many_clips",
                    "at most " + AutoSelection.MAX_CLIPS + " clips per job, got " + requested.size(), "clips");
        }
        List<RequestedClip> ranges = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            SubmittedClip c = requested.get(i);
            String at = "clips[" + i + "]";
            if (c == null) {
                throw ApiException.invalid("invalid_clip", at + " is empty", at);
            }
            if (c.start() == null || !Double.isFinite(c.start())) {
                throw ApiException.invalid("invalid_clip_range", at + ".start is missing", at + ".start");
            }
            if (c.end() == null || !Double.isFinite(c.end())) {
                throw ApiException.invalid("invalid_clip_range", at + ".end is missing", at + ".end");
            }
            if (c.start() < 0) {
                throw ApiException.invalid("invalid_clip_range", at + ".start must be 0 or more, got " + c.start(), at + ".start");
            }
            if (c.end() <= c.start()) {
                throw ApiException.invalid("invalid_clip_range",
                        at + ".end must be after start (" + c.start() + "), got " + c.end(), at + ".end");
            }
            ranges.add(new RequestedClip(c.start(), c.end(),
                    limited(c.title(), MAX_TITLE_LENGTH, at + ".title"),
                    limited(c.tiktokDesc(), MAX_TEXT_LENGTH, at + ".tiktok_desc"),
                    limited(c.instaDesc(), MAX_TEXT_LENGTH, at + ".insta_desc")));
        }
        return ranges;
    }

    private static AutoSelection auto(JobSubmission s) {
        AutoSelection d = AutoSelection.DEFAULT;
        int target = s.targetClips() == null ? d.targetClips() : s.targetClips();
        if (target < 1 || target > AutoSelection.MAX_CLIPS) {
            throw ApiException.invalid("invalid_target_clips",
                    "target_clips must be 1.." + AutoSelection.MAX_CLIPS + ", got " + target, "target_clips");
        }
        double min = s.clipMinSeconds() == null ? d.clipMinSeconds() : s.clipMinSeconds();
        double max = s.clipMaxSeconds() == null ? Math.max(d.clipMaxSeconds(), min) : s.clipMaxSeconds();
        if (!(min > 0) || !Double.isFinite(min)) {
            throw ApiException.invalid("invalid_clip_length", "clip_min_seconds must be more than 0, got " + min, "clip_min_seconds");
        }
        if (!(max >= min) || !Double.isFinite(max)) {
            throw ApiException.invalid("invalid_clip_length",
                    "clip_max_seconds must be at least clip_min_seconds (" + min + "), got " + max, "clip_max_seconds");
        }
        return new AutoSelection(target, min, max);
    }

    private static OutputFormat outputFormat(String name) {
        if (blankToNull(name) == null) {
            return OutputFormat.DEFAULT;
        }
        return OutputFormat.fromWireName(name.strip()).orElseThrow(() -> ApiException.invalid("unknown_output_format",
                "output_format must be one of vertical, square, horizontal, original; got '" + abbreviate(name) + "'",
                "output_format"));
    }

    private static FrameLayout layout(String name) {
        if (blankToNull(name) == null) {
            return FrameLayout.DEFAULT;
        }
        return FrameLayout.fromWireName(name.strip()).orElseThrow(() -> ApiException.invalid("unknown_layout",
                "layout must be " + FrameLayout.allowedNames() + "; got '" + abbreviate(name) + "'", "layout"));
    }

    private Webhook webhook(JobSubmission s) {
        String url = blankToNull(s.webhookUrl());
        String secret = blankToNull(s.webhookSecret());
        if (url == null) {
            if (secret != null) {
                throw ApiException.invalid("missing_webhook_url", "webhook_secret needs a webhook_url", "webhook_url");
            }
            return null;
        }
        if (secret != null && secret.length() > MAX_SECRET_LENGTH) {
            throw ApiException.invalid("webhook_secret_too_long",
                    "webhook_secret is longer than " + MAX_SECRET_LENGTH + " characters", "webhook_secret");
        }
        return new Webhook(checkUrl(webhookPolicy, url, "webhook_url").toString(), secret);
    }

    private static java.net.URI checkUrl(SourceUrlPolicy policy, String url, String field) {
        try {
            return policy.check(url);
        } catch (RejectedSourceUrlException e) {
            throw ApiException.invalid(e.code(), e.getMessage().replace("source_url", field), field);
        }
    }

    private static String limited(String text, int max, String field) {
        if (text != null && text.length() > max) {
            throw ApiException.invalid("text_too_long", field + " is longer than " + max + " characters", field);
        }
        return text;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
