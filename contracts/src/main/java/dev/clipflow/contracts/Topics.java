package dev.clipflow.contracts;

/** Kafka topic names. Every record is keyed by its job id, so one job's events stay in order. */
public final class Topics {

    public static final String CLIP_JOBS = "clip-jobs";
    public static final String CLIP_EVENTS = "clip-events";
    public static final String UPLOAD_EVENTS = "upload-events";

    /** Partitions set the ceiling of worker parallelism. */
    public static final int DEFAULT_PARTITIONS = 12;

    public static final String[] ALL = {CLIP_JOBS, CLIP_EVENTS, UPLOAD_EVENTS};

    /** SmallRye's naming for the dead-letter topic of a consuming channel. */
    public static String deadLetterTopic(String channel) {
        return "dead-letter-topic-" + channel;
    }

    private Topics() {
    }
}
