package dev.clipflow.clipworker.selection.auto;

/** ffmpeg could not analyse the source (unreadable file, no decodable stream, time limit reached). */
public class SignalExtractionException extends RuntimeException {

    public SignalExtractionException(String message) {
        super(message);
    }

    public SignalExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
