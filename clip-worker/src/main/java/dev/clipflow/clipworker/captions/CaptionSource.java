package dev.clipflow.clipworker.captions;

import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.CaptionsRequest;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.json.InvalidJsonException;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.NoSuchObjectException;
import dev.clipflow.clipworker.captions.Transcriber.TranscriptionUnavailableException;
import dev.clipflow.clipworker.config.ClipWorkerConfig;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.ProcessRunner;
import dev.clipflow.ffmpeg.FfmpegBinaries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where a job's captions come from: the normalized file the gateway stored beside the upload, or speech to
 * text ({@code captions=auto}) when a transcription service is configured.
 */
@ApplicationScoped
public class CaptionSource {

    private static final Logger LOG = Logger.getLogger(CaptionSource.class);

    private final ArtifactStore store;
    private final Optional<SpeechCaptions> speech;

    @Inject
    public CaptionSource(ArtifactStore store, FfmpegBinaries binaries, ProcessRunner runner, ClipWorkerConfig config) {
        this(store, config.captions().transcribe().url().map(url -> new SpeechCaptions(binaries.ffmpeg(), runner,
                new OpenAiTranscriber(url, config.captions().transcribe().apiKey(), config.captions().transcribe().model(),
                        config.captions().transcribe().attempts(), config.captions().transcribe().backoff(),
                        config.captions().transcribe().timeout()),
                config.captions().transcribe().chunkSeconds())));
    }

    public CaptionSource(ArtifactStore store, Optional<SpeechCaptions> speech) {
        this.store = store;
        this.speech = speech;
    }

    /**
     * Storage trouble goes up (the caller retries it); anything else leaves the job without captions, saying
     * why. {@code source} and {@code media} are used for speech to text, whose temporary files go in {@code workDir}.
     */
    public JobCaptions load(JobRequested job, Path source, ProbedMedia media, Path workDir) {
        CaptionsRequest request = job.captions();
        if (request == null) {
            return JobCaptions.NONE;
        }
        if (request.auto()) {
            if (speech.isEmpty()) {
                return JobCaptions.unavailable("no speech-to-text service is configured on this worker (TRANSCRIBE_URL)");
            }
            try {
                return JobCaptions.of(speech.get().transcribe(source, media, workDir), request.style());
            } catch (TranscriptionUnavailableException e) {
                LOG.warnf("job %s: speech to text is unavailable, its clips get no captions: %s", job.jobId(), e.getMessage());
                return JobCaptions.unavailable(e.getMessage());
            }
        }
        String key = request.storageKey();
        if (!key.equals(ObjectKeys.uploadedCaptions(job.jobId()))) {
            return JobCaptions.unavailable("the captions must be the job's own upload (" + ObjectKeys.uploadedCaptions(job.jobId()) + ")");
        }
        try {
            Captions captions = ClipflowJson.decodeCaptions(store.getBytes(key));
            return JobCaptions.of(captions, request.style());
        } catch (NoSuchObjectException | InvalidJsonException e) {
            LOG.warnf("job %s: its captions %s cannot be read, its clips get none: %s", job.jobId(), key, e.getMessage());
            return JobCaptions.unavailable("the captions file " + key + " cannot be read");
        }
    }
}
