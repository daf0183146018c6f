package dev.clipflow.contracts.json;

/** A payload that is not a valid Clipflow event or metadata document; the message says why. */
public class InvalidJsonException extends IllegalArgumentException {
    public InvalidJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
