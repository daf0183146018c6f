package dev.clipflow.contracts.events;

import dev.clipflow.contracts.JobId;
import java.util.List;

/** Checks made by the events' constructors, so a record missing a required field never exists. */
final class Required {

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    static String jobId(String value) {
        return JobId.requireValid(text(value, "job_id"));
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    /** Clips are numbered from 1, as their files are. */
    static int clipNumber(int number, String field) {
        if (number < 1) {
            throw new IllegalArgumentException(field + " starts at 1, got " + number);
        }
        return number;
    }

    static int version(int version) {
        return version <= 0 ? ClipflowEvent.CURRENT_VERSION : version;
    }

    private Required() {
    }

    /** A required field is absent; the message names it. */
    public static final class MissingFieldException extends IllegalArgumentException {
        MissingFieldException(String field) {
            super("missing required field '" + field + "'");
        }
    }
}
