package dev.clipflow.clipworker.messaging;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/** The test's view of the broker (SmallRye's KafkaCompanion): sends jobs, records every clip-event and dead letter. */
final class EventLog implements AutoCloseable {

    private final KafkaCompanion kafka;
    private final ConsumerTask<String, ClipflowEvent> events;
    private final ConsumerTask<String, String> deadLetters;

    EventLog(KafkaCompanion kafka) {
        this.kafka = kafka;
        this.events = kafka.consume(ClipflowEvent.class).withOffsetReset("earliest").fromTopics(Topics.CLIP_EVENTS);
        // The dead-letter topic appears with the first dead letter: look for it every second.
        this.deadLetters = kafka.consumeStrings().withOffsetReset("earliest")
                .withProp(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000")
                .fromTopics(Topics.deadLetterTopic("clip-jobs"));
    }

    void sendRaw(String key, byte[] value) {
        kafka.produce(byte[].class).fromRecords(KafkaCompanion.record(Topics.CLIP_JOBS, key, value)).awaitCompletion();
    }

    void send(ClipflowEvent job) {
        kafka.produce(ClipflowEvent.class).fromRecords(KafkaCompanion.record(Topics.CLIP_JOBS, job.jobId(), job))
                .awaitCompletion();
    }

    /** An event onto clip-events, as a worker would have written it. */
    void sendAsWorker(ClipflowEvent event) {
        kafka.produce(ClipflowEvent.class).fromRecords(KafkaCompanion.record(Topics.CLIP_EVENTS, event.jobId(), event))
                .awaitCompletion();
    }

    /** A cancellation as the gateway publishes it. */
    void cancel(String jobId) {
        sendAsWorker(JobCancelled.now(jobId, JobCancelled.BY_API));
    }

    List<ClipflowEvent> of(String jobId) {
        return events.stream().filter(r -> jobId.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    List<String> deadLettersOf(String jobId) {
        return deadLetters.stream().filter(r -> jobId.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    /** Waits until the job has {@code count} events matching {@code what}; returns all its events. */
    List<ClipflowEvent> await(String jobId, Predicate<ClipflowEvent> what, int count, Duration timeout) {
        return Awaitility.await(count + " such events of job " + jobId).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> of(jobId), events -> events.stream().filter(what).count() >= count);
    }

    @Override
    public void close() {
        events.stop();
        deadLetters.stop();
    }
}
