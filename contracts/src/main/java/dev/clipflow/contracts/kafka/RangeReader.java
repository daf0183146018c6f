package dev.clipflow.contracts.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * What was on some partitions when the read began: each from an offset up to its end offset at that moment, with
 * no consumer group and no commits. Where a service answers a question from a topic's past (a job's earlier events,
 * what the dead-letter topic holds), a partial read would be a wrong answer, so one that cannot finish in time throws
 * instead; a record that cannot be deserialized is skipped.
 *
 * <p>One reader is one read and its time: the Kafka calls that find where it starts (the partitions, their first
 * offsets) take what they need of it through {@link #left()}, and {@link #read} has the rest.
 */
public final class RangeReader {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Duration atMost;
    private final long deadline;

    private RangeReader(Duration atMost) {
        this.atMost = atMost;
        this.deadline = System.nanoTime() + atMost.toNanos();
    }

    /** A read that, with the calls before it, takes at most {@code atMost} from now. */
    public static RangeReader within(Duration atMost) {
        return new RangeReader(atMost);
    }

    /** What is left of the read's time: the timeout of each Kafka call that belongs to it. */
    public Duration left() {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /**
     * Hands {@code each} every record of the partitions in {@code from}, from its offset up to the partition's end
     * now, in each partition's order.
     *
     * @throws TimeoutException when Kafka does not give them all in the read's time
     */
    public <K, V> void read(KafkaConsumer<K, V> consumer, Map<TopicPartition, Long> from,
            Consumer<ConsumerRecord<K, V>> each) {
        consumer.assign(from.keySet());
        Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet(), left());
        from.forEach(consumer::seek);
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("could not read " + end.keySet() + " up to " + end.values() + " in " + atMost);
            }
            try {
                for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record);
                    }
                }
            } catch (RecordDeserializationException unreadable) {
                consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
            }
        }
    }

    private boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), left()) >= e.getValue());
    }
}
