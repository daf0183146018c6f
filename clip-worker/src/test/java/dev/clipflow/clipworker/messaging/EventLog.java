package dev.clipflow.clipworker.messaging;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.kafka.EventDeserializer;
import dev.clipflow.contracts.kafka.EventSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The test's view of the broker: sends jobs, records every clip-event and dead-letter record by job id. */
final class EventLog implements AutoCloseable {

    private final Map<String, List<ClipflowEvent>> events = new ConcurrentHashMap<>();
    private final Map<String, List<String>> deadLetters = new ConcurrentHashMap<>();
    private final KafkaProducer<String, ClipflowEvent> producer;
    private final Thread reader;
    private volatile boolean running = true;

    private final String bootstrap;

    EventLog(String bootstrapServers) {
        this.bootstrap = bootstrapServers;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new EventSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "clip-worker-test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        reader = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.CLIP_EVENTS, Topics.deadLetterTopic("clip-jobs")));
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.topic().equals(Topics.CLIP_EVENTS)) {
                            events.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>())
                                    .add(new EventDeserializer().deserialize(r.topic(), r.value().getBytes()));
                        } else {
                            deadLetters.computeIfAbsent(String.valueOf(r.key()), k -> new CopyOnWriteArrayList<>())
                                    .add(String.valueOf(r.value()));
                        }
                    }
                }
            }
        }, "test-event-log");
        reader.setDaemon(true);
        reader.start();
    }

    void sendRaw(String key, byte[] value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(p, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.CLIP_JOBS, key, value)).get();
        }
    }

    void send(ClipflowEvent job) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CLIP_JOBS, job.jobId(), job)).get();
    }

    /** An event onto clip-events, as a worker would have written it. */
    void sendAsWorker(ClipflowEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CLIP_EVENTS, event.jobId(), event)).get();
    }

    /** A cancellation as the gateway publishes it. */
    void cancel(String jobId) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CLIP_EVENTS, jobId,
                dev.clipflow.contracts.events.JobCancelled.now(jobId, dev.clipflow.contracts.events.JobCancelled.BY_API))).get();
    }

    List<ClipflowEvent> of(String jobId) {
        return new ArrayList<>(events.getOrDefault(jobId, List.of()));
    }

    List<String> deadLettersOf(String jobId) {
        return new ArrayList<>(deadLetters.getOrDefault(jobId, List.of()));
    }

    /** Waits until the job has {@code count} events matching {@code what}; returns all its events. */
    List<ClipflowEvent> await(String jobId, Predicate<ClipflowEvent> what, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (of(jobId).stream().filter(what).count() >= count) {
                return of(jobId);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not get " + count + " such events in " + timeout + "; got " + of(jobId));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
        producer.close();
    }
}
