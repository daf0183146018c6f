package dev.clipflow.gateway.rest;

import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ByteRange;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.StorageType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Local mode only: the stored files themselves, with single byte ranges for video seeking. In S3
 * mode clients get presigned URLs instead and this answers 404. The store refuses keys outside it.
 */
@Path("/storage")
@Tag(name = "storage")
public class StorageResource {

    private static final Pattern SINGLE_RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    private final ArtifactStore store;

    public StorageResource(ArtifactStore store) {
        this.store = store;
    }

    @GET
    @Path("/{key: .+}")
    @Operation(summary = "A stored file (local storage mode), with Range support")
    public Response get(@PathParam("key") String key, @HeaderParam("Range") String range) {
        if (store.type() != StorageType.LOCAL) {
            throw new ApiException(404, "not_found", "files are served by the object store in this mode", null);
        }
        ObjectInfo info = store.head(key)
                .orElseThrow(() -> new ApiException(404, "not_found", "no such file", null));
        String type = contentType(key, info);
        long size = info.size();
        if (range == null || size == 0) {
            return Response.ok(store.get(key), type).header("Accept-Ranges", "bytes")
                    .header(HttpHeaders.CONTENT_LENGTH, size).build();
        }
        ByteRange wanted = parse(range, size);
        if (wanted == null) {
            return Response.status(416).header("Content-Range", "bytes */" + size).build();
        }
        return Response.status(206).entity(store.get(key, wanted)).type(type)
                .header("Accept-Ranges", "bytes")
                .header("Content-Range", "bytes " + wanted.first() + "-" + wanted.last() + "/" + size)
                .header(HttpHeaders.CONTENT_LENGTH, wanted.length()).build();
    }

    /** One range of {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}; null when unsatisfiable or not understood. */
    static ByteRange parse(String header, long size) {
        Matcher m = SINGLE_RANGE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null;
        }
        try {
            long first;
            long last;
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0) {
                    return null;
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            }
            return first < size && first <= last ? new ByteRange(first, last) : null;
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }

    private static String contentType(String key, ObjectInfo info) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".mp4")) {
            return "video/mp4";
        }
        if (k.endsWith(".jpg") || k.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (k.endsWith(".json")) {
            return "application/json";
        }
        return info.contentType() == null ? "application/octet-stream" : info.contentType();
    }
}
