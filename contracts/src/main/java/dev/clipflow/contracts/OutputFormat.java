package dev.clipflow.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The frame a clip is rendered into. */
public enum OutputFormat {
    VERTICAL(1080, 1920),
    SQUARE(1080, 1080),
    HORIZONTAL(1920, 1080),
    /** The source's own size. */
    ORIGINAL(0, 0);

    public static final OutputFormat DEFAULT = VERTICAL;

    private final int width;
    private final int height;

    OutputFormat(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OutputFormat> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(name)).findFirst();
    }

    @JsonCreator
    static OutputFormat fromJson(String name) {
        return fromWireName(name).orElseThrow(
                () -> new IllegalArgumentException("unknown output_format '" + name + "'; use one of vertical, square, horizontal, original"));
    }
}
