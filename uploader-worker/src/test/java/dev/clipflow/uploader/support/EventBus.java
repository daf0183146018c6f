package dev.clipflow.uploader.support;

import static org.awaitility.Awaitility.await;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.devstack.KafkaTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What another service would do on the shared broker (SmallRye's KafkaCompanion): publish, read a topic so far. */
public final class EventBus {

    private EventBus() {
    }

    public static void publish(String topic, ClipflowEvent event) {
        publishRaw(topic, event.jobId(), ClipflowJson.encodeEvent(event));
    }

    public static void publishRaw(String topic, String key, byte[] value) {
        KafkaTestResource.companion().produce(byte[].class).fromRecords(KafkaCompanion.record(topic, key, value))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    /** Every record of {@code topic} keyed {@code jobId}, in offset order. */
    public static List<ConsumerRecord<String, byte[]>> records(String topic, String jobId) {
        return KafkaTestResource.recordsSoFar(byte[].class, topic).stream().filter(r -> jobId.equals(r.key())).toList();
    }

    /** The upload events of a job so far. */
    public static List<ClipflowEvent> uploadEvents(String jobId) {
        return records(Topics.UPLOAD_EVENTS, jobId).stream().map(r -> ClipflowJson.decodeEvent(r.value())).toList();
    }

    /** Waits for the first upload event of the job. */
    public static ClipflowEvent awaitUploadEvent(String jobId, Duration timeout) {
        return awaitUploadEvents(jobId, 1, timeout).get(0);
    }

    /** Waits until the job has {@code count} upload events and returns them. */
    public static List<ClipflowEvent> awaitUploadEvents(String jobId, int count, Duration timeout) {
        return await(count + " upload events for job " + jobId).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> uploadEvents(jobId), events -> events.size() >= count);
    }
}
