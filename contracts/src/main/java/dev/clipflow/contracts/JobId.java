package dev.clipflow.contracts;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Job ids are UUIDs in canonical form; anything arriving from outside is checked here. */
public final class JobId {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static boolean isValid(String candidate) {
        return candidate != null && CANONICAL_UUID.matcher(candidate).matches();
    }

    /** Returns the id in lower case, or throws {@link InvalidJobIdException} naming what was wrong. */
    public static String requireValid(String candidate) {
        if (!isValid(candidate)) {
            throw new InvalidJobIdException(candidate);
        }
        return candidate.toLowerCase(Locale.ROOT);
    }

    private JobId() {
    }

    public static final class InvalidJobIdException extends IllegalArgumentException {
        public InvalidJobIdException(String candidate) {
            super("job id must be a UUID like 123e4567-e89b-12d3-a456-426614174000, got "
                    + (candidate == null ? "nothing" : "'" + abbreviate(candidate) + "'"));
        }

        private static String abbreviate(String s) {
            String printable = s.replaceAll("\\p{Cntrl}", "?");
            return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
        }
    }
}
