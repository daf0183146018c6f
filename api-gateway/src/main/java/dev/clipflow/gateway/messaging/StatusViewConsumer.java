package dev.clipflow.gateway.messaging;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.gateway.status.JobStatusView;
import dev.clipflow.gateway.status.StatusViewCatchUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds every replica's status view from all three topics, read from the beginning with a consumer
 * group of its own (see application.properties), so replicas agree and a restart rebuilds the view.
 */
@ApplicationScoped
public class StatusViewConsumer {

    private final JobStatusView view;
    private final StatusViewCatchUp catchUp;

    public StatusViewConsumer(JobStatusView view, StatusViewCatchUp catchUp) {
        this.view = view;
        this.catchUp = catchUp;
    }

    @Incoming("status-view")
    public void onEvent(ConsumerRecord<String, ClipflowEvent> record) {
        // Records that are not valid events arrive as null values: the view skips them.
        if (record.value() != null) {
            view.apply(record.value());
        }
        catchUp.read(record.topic(), record.partition(), record.offset());
    }
}
