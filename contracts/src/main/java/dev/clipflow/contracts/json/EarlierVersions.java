package dev.clipflow.contracts.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads records written by earlier versions of the events as the current one, so topics that still hold them (the
 * status view is rebuilt from them) keep meaning the same after an upgrade. Version 1 of {@code JobRendered} counted
 * clips from 0 ({@code clip_index}, {@code clips[].index}) and named the metadata by its file name
 * ({@code metadata_file}); version 2 numbers clips from 1 as their files are and gives the metadata object's key.
 * Each old name is only ever written by version 1, so its presence is what marks an old record.
 */
final class EarlierVersions {

    static JsonNode upgrade(JsonNode event) {
        if (event instanceof ObjectNode object && "JobRendered".equals(object.path("type").asText())) {
            upgradeJobRendered(object);
        }
        return event;
    }

    private static void upgradeJobRendered(ObjectNode event) {
        JsonNode file = event.remove("metadata_file");
        if (file != null && file.isTextual() && !event.has("metadata_key")) {
            event.put("metadata_key", event.path("job_id").asText() + "/" + file.asText());
        }
        for (JsonNode artifact : event.path("artifacts")) {
            renumber(artifact, "clip_index", "clip_number");
        }
        for (JsonNode clip : event.path("clips")) {
            renumber(clip, "index", "number");
        }
    }

    private static void renumber(JsonNode node, String zeroBased, String oneBased) {
        if (node instanceof ObjectNode object) {
            JsonNode old = object.remove(zeroBased);
            if (old != null && old.isInt() && !object.has(oneBased)) {
                object.put(oneBased, old.asInt() + 1);
            }
        }
    }

    private EarlierVersions() {
    }
}
