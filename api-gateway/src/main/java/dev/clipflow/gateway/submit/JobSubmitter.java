package dev.clipflow.gateway.submit;

import dev.clipflow.gateway.error.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.CaptionsRequest;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.gateway.config.GatewayConfig;
import dev.clipflow.gateway.status.JobStatusView;
import dev.clipflow.gateway.messaging.JobPublisher;
import dev.clipflow.gateway.submit.JobValidator.ValidJob;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Accepts a job: streams an uploaded source into storage, publishes {@code JobRequested} and only
 * then reports success. Whatever fails on the way, nothing of the job stays in storage.
 */
@ApplicationScoped
public class JobSubmitter {

    private static final Logger LOG = Logger.getLogger(JobSubmitter.class);
    /** Room for the multipart boundaries, part headers and option fields around the file. */
    public static final long FORM_OVERHEAD_BYTES = 1024 * 1024;
    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final GatewayConfig config;
    private final JobValidator validator;
    private final ArtifactStore store;
    private final JobPublisher publisher;
    private final GatewayMetrics metrics;
    private final ObjectMapper json;
    private final JobStatusView statusView;
    private final CaptionsIntake captions;

    public JobSubmitter(GatewayConfig config, JobValidator validator, ArtifactStore store, JobPublisher publisher,
                        GatewayMetrics metrics, ObjectMapper json, JobStatusView statusView, CaptionsIntake captions) {
        this.statusView = statusView;
        this.captions = captions;
        this.config = config;
        this.validator = validator;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.json = json;
    }

    public record Accepted(String jobId) {
    }

    /** The largest request body accepted: the file limit plus room for the form around it. */
    public long maxRequestBytes() {
        return config.maxFileSizeBytes() + FORM_OVERHEAD_BYTES;
    }

    public Accepted submitUrl(JobSubmission submission) {
        ValidJob job = validator.validate(submission, false);
        String jobId = JobId.newId();
        Captions sent = job.captions().url() != null ? captions.fetch(job.captions().url()) : null;
        String captionsKey = sent != null ? captions.store(jobId, sent) : null;
        publish(request(jobId, job, JobSource.url(job.sourceUrl()), captionsKey), captionsKey);
        metrics.submitted("url");
        return new Accepted(jobId);
    }

    /**
     * The request of an earlier job again, as a new job: an uploaded source is copied to the new job's own key,
     * so deleting either job leaves the other whole.
     */
    public Accepted resubmit(JobRequested earlier) {
        String jobId = JobId.newId();
        JobSource source = earlier.source();
        String copiedKey = null;
        if (source.isUpload()) {
            String key = source.storageKey();
            copiedKey = ObjectKeys.uploadedSource(jobId, extensionOf(key));
            long size = store.head(key).orElseThrow(() -> new ApiException(410, "source_deleted",
                    "the uploaded source of this job is no longer stored", "job_id")).size();
            try (var content = store.get(key)) {
                store.put(copiedKey, content, size, PutOptions.of("application/octet-stream"));
            } catch (IOException e) {
                removeQuietly(copiedKey);
                throw new StorageUnavailableException("cannot copy the source " + key + ": " + e.getMessage(), e);
            }
            source = JobSource.uploaded(copiedKey, source.filename(), size);
        }
        // The captions come along too, copied to the new job's own key like the source.
        CaptionsRequest captionsRequest = earlier.captions();
        String copiedCaptions = null;
        if (captionsRequest != null && captionsRequest.storageKey() != null) {
            try {
                byte[] normalized = store.getBytes(captionsRequest.storageKey());
                copiedCaptions = ObjectKeys.uploadedCaptions(jobId);
                store.put(copiedCaptions, new java.io.ByteArrayInputStream(normalized), normalized.length,
                        PutOptions.of("application/json"));
                captionsRequest = CaptionsRequest.stored(copiedCaptions, captionsRequest.style());
            } catch (dev.clipflow.store.NoSuchObjectException gone) {
                captionsRequest = null; // deleted with the earlier job: the retry goes without
            }
        }
        publish(new JobRequested(ClipflowEvent.CURRENT_VERSION, jobId, Instant.now(), earlier.title(), source,
                earlier.clips(), earlier.auto(), earlier.outputFormat(), earlier.layout(), earlier.webhook(),
                captionsRequest), copiedKey, copiedCaptions);
        metrics.submitted("retry");
        return new Accepted(jobId);
    }

    public Accepted submitUpload(UploadRequest request) {
        long maxBody = maxRequestBytes();
        if (request.contentLength() > maxBody) {
            throw ApiException.tooLarge(config.maxFileSizeBytes());
        }
        String jobId = JobId.newId();
        Map<String, String> fields = new HashMap<>();
        String storedKey = null;
        String fileName = null;
        long fileBytes = 0;
        Captions sentCaptions = null;
        String captionsKey = null;
        boolean published = false;
        try (StreamingFormParser form = new StreamingFormParser(request.contentType(), request.body(),
                config.maxFileSizeBytes(), maxBody, MAX_FIELD_BYTES)) {
            for (FormPart part = form.next(); part != null; part = form.next()) {
                if (isCaptionsFile(part)) {
                    if (sentCaptions != null) {
                        throw ApiException.invalid("multiple_captions", "send at most one captions file per job", "captions");
                    }
                    sentCaptions = part instanceof FormPart.File file ? captions.read(file.content())
                            : captions.parse(((FormPart.Field) part).value().getBytes(StandardCharsets.UTF_8));
                } else if (part instanceof FormPart.Field field) {
                    fields.put(field.name(), field.value());
                } else if (part instanceof FormPart.File file && "file".equals(file.name())) {
                    if (storedKey != null) {
                        throw ApiException.invalid("multiple_files", "send exactly one file per job", "file");
                    }
                    // Refuse what is already known to be wrong before a single byte is stored.
                    validator.validate(submission(fields), true, sentCaptions != null);
                    fileName = file.fileName();
                    storedKey = ObjectKeys.uploadedSource(jobId, extensionOf(fileName));
                    fileBytes = storeFile(jobId, storedKey, file);
                }
            }
            ValidJob job = validator.validate(submission(fields), storedKey != null, sentCaptions != null);
            if (job.captions().url() != null) {
                sentCaptions = captions.fetch(job.captions().url());
            }
            if (sentCaptions != null) {
                captionsKey = captions.store(jobId, sentCaptions);
            }
            JobSource source = storedKey != null
                    ? JobSource.uploaded(storedKey, safeFileName(fileName), fileBytes)
                    : JobSource.url(job.sourceUrl());
            if (job.title() == null && fileName != null) {
                job = job.withTitle(titleFrom(fileName));
            }
            publish(request(jobId, job, source, captionsKey), storedKey, captionsKey);
            published = true;
            metrics.submitted(storedKey != null ? "upload" : "url");
            if (storedKey != null) {
                metrics.uploaded(fileBytes);
            }
            return new Accepted(jobId);
        } catch (StreamingFormParser.TooLargeException e) {
            throw ApiException.tooLarge(config.maxFileSizeBytes());
        } catch (StreamingFormParser.FieldTooLongException e) {
            throw ApiException.invalid("field_too_long", e.field() + " is longer than " + MAX_FIELD_BYTES + " bytes", e.field());
        } catch (StreamingFormParser.MalformedException e) {
            throw ApiException.badRequest("malformed_multipart", "the multipart body cannot be read: " + e.getMessage(), null);
        } catch (IOException e) {
            throw ApiException.badRequest("upload_interrupted", "the upload ended early: " + e.getMessage(), "file");
        } finally {
            if (!published && storedKey != null) {
                removeQuietly(storedKey);
            }
            if (!published && captionsKey != null) {
                removeQuietly(captionsKey);
            }
        }
    }

    private long storeFile(String jobId, String key, FormPart.File file) throws IOException {
        try {
            PutOptions options = PutOptions.of(contentTypeOf(file))
                    .withMetadata(PutOptions.JOB_ID, jobId)
                    .withMetadata(PutOptions.CREATED_BY, PutOptions.CREATOR);
            return store.put(key, file.content(), -1, options).size();
        } catch (RuntimeException e) {
            IOException broken = causeOf(e, IOException.class);
            if (broken != null && !(e instanceof StorageUnavailableException)) {
                throw broken;
            }
            throw e;
        }
    }

    /** Publishes the job; when Kafka cannot take it, what was stored for it is removed before the 503. */
    private void publish(JobRequested job, String... storedKeys) {
        boolean published = false;
        try {
            publisher.publishOrRefuse(job, "nothing was kept");
            published = true;
        } finally {
            if (!published) {
                for (String storedKey : storedKeys) {
                    if (storedKey != null) {
                        removeQuietly(storedKey);
                    }
                }
            }
        }
        // The client may ask for the status before this replica has read its own record back from clip-jobs.
        statusView.apply(job);
    }

    private static JobRequested request(String jobId, ValidJob job, JobSource source, String captionsKey) {
        CaptionsRequest captions = captionsKey != null ? CaptionsRequest.stored(captionsKey, job.captions().style())
                : job.captions().auto() ? CaptionsRequest.transcribed(job.captions().style()) : null;
        return new JobRequested(ClipflowEvent.CURRENT_VERSION, jobId, Instant.now(), job.title(), source, job.clips(),
                job.auto(), job.outputFormat(), job.layout(), job.webhook(), captions);
    }

    /** A captions file, or captions pasted as a field; {@code captions=auto} is an option like the others. */
    private static boolean isCaptionsFile(FormPart part) {
        return "captions".equals(part.name())
                && (part instanceof FormPart.File || !((FormPart.Field) part).value().strip().equals("auto"));
    }

    private JobSubmission submission(Map<String, String> f) {
        return new JobSubmission(f.get("source_url"), f.get("title"), clips(f.get("clips")),
                integer(f, "target_clips"), decimal(f, "clip_min_seconds"), decimal(f, "clip_max_seconds"),
                f.get("output_format"), f.get("layout"), f.get("webhook_url"), f.get("webhook_secret"), f.get("captions"),
                f.get("captions_url"), f.get("caption_style"));
    }

    private List<SubmittedClip> clips(String clipsJson) {
        if (clipsJson == null || clipsJson.isBlank()) {
            return null;
        }
        try {
            return json.readValue(clipsJson, new TypeReference<List<SubmittedClip>>() {
            });
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json",
                    "the 'clips' field must be a JSON array of {start, end, title?, tiktok_desc?, insta_desc?}: "
                            + e.getOriginalMessage(), "clips");
        }
    }

    private static Integer integer(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_type", name + " must be a whole number", name);
        }
    }

    private static Double decimal(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_type", name + " must be a number", name);
        }
    }

    private void removeQuietly(String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            LOG.warnf("could not remove the upload %s of a refused job, remove it by hand: %s", key, e.getMessage());
        }
    }

    private static String contentTypeOf(FormPart.File file) {
        String type = file.contentType();
        return type == null || type.isBlank() ? "application/octet-stream" : type;
    }

    static String extensionOf(String fileName) {
        if (fileName == null) {
            return null;
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? null : fileName.substring(dot + 1);
    }

    private static String safeFileName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "");
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static String titleFrom(String fileName) {
        String base = safeFileName(fileName);
        int dot = base.lastIndexOf('.');
        String title = (dot > 0 ? base.substring(0, dot) : base).strip();
        if (title.length() > JobValidator.MAX_TITLE_LENGTH) {
            title = title.substring(0, JobValidator.MAX_TITLE_LENGTH);
        }
        return title.isEmpty() ? null : title;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
