package dev.clipflow.uploader.messaging;

import dev.clipflow.uploader.service.LateWriteSweeper;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The {@code job-cancellations} channel starts one sweep window back (the last of
 * {@code clipflow.upload.late-write-sweeps}) rather than at the end of the topic: the cancellations of that window are
 * read again, so the jobs whose late writes the uploader before this one had still to sweep are swept
 * ({@code service/LateWriteSweeper}), and a job whose upload is delivered again after a crash is known cancelled.
 * A partition with nothing that recent starts at its end.
 */
@ApplicationScoped
@Identifier("job-cancellations-rewind")
public class CancellationsRewind implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(CancellationsRewind.class);

    private final LateWriteSweeper sweeper;

    public CancellationsRewind(LateWriteSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        long since = System.currentTimeMillis() - sweeper.window().toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since));
        try {
            consumer.offsetsForTimes(times).forEach((partition, found) -> {
                if (found != null) {
                    consumer.seek(partition, found.offset());
                }
            });
        } catch (KafkaException e) {
            // Thrown on, it would fail the consumer's poll: the cancellations to come matter more than the last minute's.
            LOG.warnf("could not read the last %s of cancellations again (%s): a job deleted then may keep an object that"
                    + " a stopped upload stored late", sweeper.window(), e.toString());
        }
    }
}
