package dev.clipflow.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.gateway.TopicClient;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Against the devstack broker, with the topics as other tests left them. */
class StatusViewCatchUpTest {

    @Test
    void aStartingGatewayIsNotCaughtUpUntilItHasReadEveryEventThatWasOnKafkaWhenItStarted() {
        String jobId = JobId.newId();
        TopicClient.publish(Topics.CLIP_EVENTS, JobStarted.now(jobId, "worker-1"));
        StatusViewCatchUp catchUp = new StatusViewCatchUp(KafkaTestResource.broker().bootstrapServers(), List.of(Topics.ALL));
        catchUp.onStart(null);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> catchUp.recordsBehind() > 0);
            List<ConsumerRecord<String, ClipflowEvent>> onKafka = TopicClient.readAll(Topics.ALL);
            ConsumerRecord<String, ClipflowEvent> last = onKafka.stream().filter(r -> jobId.equals(r.key())).findFirst().orElseThrow();

            onKafka.stream().filter(r -> r != last).forEach(r -> catchUp.read(r.topic(), r.partition(), r.offset()));
            assertThat(catchUp.caughtUp()).as("one event not read yet").isFalse();
            assertThat(catchUp.recordsBehind()).isEqualTo(1);

            catchUp.read(last.topic(), last.partition(), last.offset());
            assertThat(catchUp.caughtUp()).isTrue();

            TopicClient.publish(Topics.CLIP_EVENTS, JobStarted.now(JobId.newId(), "worker-1"));
            assertThat(catchUp.caughtUp()).as("events after the start do not hold it back").isTrue();
        } finally {
            catchUp.onStop(null);
        }
    }
}
