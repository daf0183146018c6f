package dev.clipflow.contracts.layout;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a user's job title into the {@code {title}} part of object keys and file names.
 *
 * <p>The result never contains a path separator or a character that breaks common file systems,
 * is at most {@value #MAX_BYTES} bytes of UTF-8 (cut between characters, never inside one), is
 * never empty, {@code .} or {@code ..}, and never starts with {@value ObjectKeys#TEMP_PREFIX}
 * (such files are never uploaded).
 */
public final class Titles {

    public static final int MAX_BYTES = 120;
    public static final String FALLBACK = "clipflow";
    private static final String FORBIDDEN = "<>:\"/\\|?*#";

    public static String sanitize(String title) {
        if (title == null) {
            return FALLBACK;
        }
        StringBuilder out = new StringBuilder(title.length());
        boolean pendingSpace = false;
        int i = 0;
        while (i < title.length()) {
            int cp = title.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (isDropped(cp)) {
                continue;
            }
            if (pendingSpace) {
                out.append('_');
                pendingSpace = false;
            }
            out.appendCodePoint(cp);
        }
        String cleaned = stripLeadingDots(out.toString());
        if (cleaned.toLowerCase(Locale.ROOT).startsWith(ObjectKeys.TEMP_PREFIX)) {
            cleaned = "video_" + cleaned;
        }
        cleaned = cutToBytes(cleaned, MAX_BYTES);
        return cleaned.isEmpty() ? FALLBACK : cleaned;
    }

    private static boolean isDropped(int cp) {
        if (FORBIDDEN.indexOf(cp) >= 0 || Character.isISOControl(cp)) {
            return true;
        }
        if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
            return true; // an unpaired surrogate cannot be encoded
        }
        // Bidirectional overrides make a name display differently from what it is.
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0xFEFF;
    }

    private static String stripLeadingDots(String s) {
        int start = 0;
        while (start < s.length() && (s.charAt(start) == '.' || s.charAt(start) == '_')) {
            start++;
        }
        return s.substring(start);
    }

    private static String cutToBytes(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private Titles() {
    }
}
