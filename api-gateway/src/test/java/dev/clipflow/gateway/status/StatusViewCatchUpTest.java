package dev.clipflow.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.devstack.FreePorts;
import dev.clipflow.devstack.KafkaBroker;
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

    @Test
    void aGatewayStartedWhileKafkaIsDownLearnsWhereToCatchUpToOnceKafkaIsBack() {
        int port = FreePorts.pick();
        StatusViewCatchUp catchUp = new StatusViewCatchUp("127.0.0.1:" + port, List.of(Topics.ALL), Duration.ofSeconds(1));
        catchUp.onStart(null);
        try {
            // Down for longer than one ask may take (1 s here), so that Kafka has to be asked again.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> catchUp.recordsBehind() == -1);
            assertThat(catchUp.caughtUp()).as("not caught up while Kafka cannot say how far to read").isFalse();
            try (KafkaBroker broker = KafkaBroker.start(port)) {
                broker.createTopics(1, Topics.ALL);
                await("the end offsets, asked again").atMost(Duration.ofSeconds(60)).until(catchUp::caughtUp);
                assertThat(catchUp.recordsBehind()).isZero();
            }
        } finally {
            catchUp.onStop(null);
        }
    }
}
