package dev.clipflow.clipworker.reframe;

/** The faces of a clip could not be looked for. */
public class FaceAnalysisException extends RuntimeException {

    public FaceAnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
