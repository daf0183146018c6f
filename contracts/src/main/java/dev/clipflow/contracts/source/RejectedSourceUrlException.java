package dev.clipflow.contracts.source;

/** A {@code source_url} that breaks {@link SourceUrlPolicy}; {@code code} is stable, the message is for people. */
public class RejectedSourceUrlException extends IllegalArgumentException {
    public static final String INVALID_URL = "invalid_url";
    public static final String UNSUPPORTED_SCHEME = "unsupported_scheme";
    public static final String FORBIDDEN_ADDRESS = "forbidden_address";
    public static final String UNRESOLVABLE_HOST = "unresolvable_host";

    private final String code;

    public RejectedSourceUrlException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
