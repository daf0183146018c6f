package dev.clipflow.contracts.kafka;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.json.ClipflowJson;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for every Clipflow event. A record that is not a valid event throws
 * {@link dev.clipflow.contracts.json.InvalidJsonException}, which the messaging layer routes to
 * the channel's dead-letter topic.
 */
public class EventDeserializer implements Deserializer<ClipflowEvent> {
    @Override
    public ClipflowEvent deserialize(String topic, byte[] data) {
        return data == null ? null : ClipflowJson.decodeEvent(data);
    }
}
