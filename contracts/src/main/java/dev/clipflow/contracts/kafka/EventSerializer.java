package dev.clipflow.contracts.kafka;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.json.ClipflowJson;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every Clipflow event. */
public class EventSerializer implements Serializer<ClipflowEvent> {
    @Override
    public byte[] serialize(String topic, ClipflowEvent event) {
        return event == null ? null : ClipflowJson.encodeEvent(event);
    }
}
