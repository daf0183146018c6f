package dev.clipflow.gallery.messaging;

import dev.clipflow.gallery.index.GalleryIndex;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The replica reads {@code upload-events} from the moment its consumer joins, so a job stored between the start-up
 * build and that moment would only show at the next TTL refresh: once partitions are assigned, the index is
 * refreshed at the next check, and that listing sees everything stored before.
 */
@ApplicationScoped
@Identifier("upload-events-join")
public class UploadEventsJoin implements KafkaConsumerRebalanceListener {

    private final GalleryIndex index;

    public UploadEventsJoin(GalleryIndex index) {
        this.index = index;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            index.markStale();
        }
    }
}
