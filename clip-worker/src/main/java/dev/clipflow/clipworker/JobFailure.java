package dev.clipflow.clipworker;

/**
 * The job cannot be completed for a reason a user can act on: it ends as {@code JobFailed} with
 * {@link #code()} (one of {@link dev.clipflow.contracts.events.FailureCode}'s values) and is not retried.
 */
public class JobFailure extends RuntimeException {

    private final String code;
    private final boolean retryable;

    public JobFailure(String code, String message) {
        this(code, message, false);
    }

    public JobFailure(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
