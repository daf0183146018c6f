package dev.clipflow.clipworker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The clip-worker's settings; application.properties maps the environment variables of docs/architecture.md onto them. */
@ConfigMapping(prefix = "clipflow")
public interface ClipWorkerConfig {

    /** {@code WORK_DIR}: jobs are rendered into {@code {work-dir}/{job_id}/}, shared with the uploader. */
    Path workDir();

    Worker worker();

    Ffmpeg ffmpeg();

    Source source();

    Captions captions();

    interface Captions {
        /** {@code CAPTIONS_FONT_DIR}: searched for the Noto fonts burned-in captions are drawn with. */
        Path fontDir();

        Transcribe transcribe();
    }

    /** An OpenAI-compatible speech-to-text service for {@code captions=auto}. */
    interface Transcribe {
        /** {@code TRANSCRIBE_URL}: its base URL ({@code /v1/audio/transcriptions} is added); none means no auto captions. */
        Optional<String> url();

        /** {@code TRANSCRIBE_API_KEY}, sent as a bearer token. */
        Optional<String> apiKey();

        /** {@code TRANSCRIBE_MODEL}. */
        String model();

        /** Tries per audio chunk when the service fails transiently. */
        @WithDefault("4")
        int attempts();

        /** First pause between tries; doubles each time. */
        @WithDefault("2s")
        Duration backoff();

        /** Longest wait for the answer to one chunk. */
        @WithDefault("10m")
        Duration timeout();

        /** Audio per request: 10 minutes of 32 kbit/s MP3 is 2.4 MB, well under the usual 25 MB limit. */
        @WithDefault("600")
        double chunkSeconds();
    }

    interface Worker {
        /** {@code CLIP_WORKER_CONCURRENCY}: jobs rendered at once by this instance. */
        int concurrency();

        /**
         * {@code CLIP_WORKER_CLIPS_AT_ONCE}: clips of one job rendered side by side. One ffmpeg keeps two
         * cores only ~93 % busy; a second one fills the gaps. Each ffmpeg rendering a 1080x1920 clip
         * takes about 600 MB.
         */
        int clipsAtOnce();

        /** Attempts at a step that fails for a transient reason (storage down) before the record goes to the dead-letter topic. */
        @WithDefault("5")
        int transientAttempts();

        /** First pause between those attempts; doubles each time. */
        @WithDefault("1s")
        Duration transientBackoff();

        /**
         * How often at most a JobProgress is emitted. Each one wakes the broker, the gateway (and its SSE
         * clients) and the uploader while ffmpeg needs the cores; once a second keeps a progress bar smooth.
         */
        @WithDefault("1s")
        Duration progressInterval();

        /**
         * {@code CLIP_WORKER_MAX_CRASHES}: a job whose processing took its worker down (a crash, or a hang ended by a
         * kill) this many times fails with {@code worker_crashed} instead of being started once more.
         */
        int maxCrashes();
    }

    interface Ffmpeg {
        /** {@code FFMPEG_PATH}; the bundled ffmpeg when absent. */
        Optional<String> path();

        /** {@code FFPROBE_PATH}; the bundled ffprobe when absent. */
        Optional<String> probePath();

        @WithDefault("veryfast")
        String preset();

        @WithDefault("21")
        int crf();

        /** A clip's ffmpeg run may take this many times the clip's duration ... */
        @WithDefault("10")
        double timeoutFactor();

        /** ... plus this. */
        @WithDefault("60s")
        Duration timeoutGrace();
    }

    interface Source {
        /** {@code MAX_FILE_SIZE_MB}: a source over it fails the job with source_too_large. */
        long maxFileSizeMb();

        /** {@code SOURCE_URL_ALLOW_PRIVATE}: allow source URLs on loopback and private networks (tests, labs). */
        boolean allowPrivate();

        @WithDefault("10s")
        Duration connectTimeout();

        /** Longest wait for a source URL to answer 200, all its redirects included (the download has its own limit). */
        @WithDefault("30s")
        Duration responseTimeout();

        /** Longest whole download of a source URL. */
        @WithDefault("60m")
        Duration downloadTimeout();

        @WithDefault("5")
        int maxRedirects();
    }
}
