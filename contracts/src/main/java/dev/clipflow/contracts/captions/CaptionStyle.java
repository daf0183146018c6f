package dev.clipflow.contracts.captions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How captions appear in a clip: burned in plainly, burned in with the spoken word highlighted, or only as files. */
public enum CaptionStyle {
    PLAIN,
    KARAOKE,
    NONE;

    public static final CaptionStyle DEFAULT = PLAIN;

    public boolean burnsIn() {
        return this != NONE;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaptionStyle> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }

    @JsonCreator
    static CaptionStyle fromJson(String name) {
        return fromWireName(name).orElseThrow(
                () -> new IllegalArgumentException("unknown caption_style '" + name + "'; use one of plain, karaoke, none"));
    }
}
