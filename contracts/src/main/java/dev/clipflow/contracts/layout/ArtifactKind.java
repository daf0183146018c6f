package dev.clipflow.contracts.layout;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a file of a rendered job is. */
public enum ArtifactKind {
    CLIP("video/mp4"),
    THUMBNAIL("image/jpeg"),
    SUBTITLES_SRT("application/x-subrip"),
    SUBTITLES_VTT("text/vtt"),
    METADATA("application/json");

    private final String contentType;

    ArtifactKind(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
