package dev.clipflow.contracts.captions;

/**
 * What became of a job's captions: {@code burned} into the clips (and stored beside them), {@code files}
 * only (style {@code none}), or {@code unavailable} with the reason (the transcription service failed;
 * the clips are rendered without captions).
 */
public record CaptionsStatus(String status, String reason) {

    public static final String BURNED = "burned";
    public static final String FILES = "files";
    public static final String UNAVAILABLE = "unavailable";

    public static CaptionsStatus unavailable(String reason) {
        return new CaptionsStatus(UNAVAILABLE, reason);
    }

    public boolean isUnavailable() {
        return UNAVAILABLE.equals(status);
    }
}
