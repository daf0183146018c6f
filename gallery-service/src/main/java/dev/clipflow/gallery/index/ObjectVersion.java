package dev.clipflow.gallery.index;

import dev.clipflow.store.ObjectInfo;
import java.time.Instant;
import java.util.Objects;

/** What identifies one version of a metadata object: its ETag, else last-modified time and size. */
public record ObjectVersion(String etag, Instant lastModified, long size) {

    public static ObjectVersion of(ObjectInfo info) {
        return new ObjectVersion(blankToNull(info.etag()), info.lastModified(), info.size());
    }

    public boolean sameAs(ObjectInfo listed) {
        String listedEtag = blankToNull(listed.etag());
        if (etag != null && listedEtag != null) {
            return etag.equals(listedEtag);
        }
        return lastModified != null && lastModified.equals(listed.lastModified()) && size == listed.size();
    }

    public boolean sameEtag(String other) {
        return etag != null && Objects.equals(etag, blankToNull(other));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
