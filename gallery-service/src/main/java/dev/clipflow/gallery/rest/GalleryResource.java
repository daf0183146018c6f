package dev.clipflow.gallery.rest;

import dev.clipflow.contracts.JobId;
import dev.clipflow.gallery.config.GalleryConfig;
import dev.clipflow.gallery.index.ClipUrls;
import dev.clipflow.gallery.index.GalleryIndex;
import dev.clipflow.gallery.index.IndexSnapshot;
import dev.clipflow.gallery.index.IndexedClip;
import dev.clipflow.gallery.index.IndexedJob;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The gallery: every clip, newest job first, then by clip number. Served from the in-memory index; a stale
 * index is refreshed in the background while the current one answers, {@code refresh=true} waits for a
 * fresh one.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "gallery")
public class GalleryResource {

    private final GalleryIndex index;
    private final ClipUrls urls;
    private final GalleryConfig config;

    public GalleryResource(GalleryIndex index, ClipUrls urls, GalleryConfig config) {
        this.index = index;
        this.urls = urls;
        this.config = config;
    }

    @GET
    @Path("clips")
    @Operation(summary = "A page of every stored clip, newest job first")
    public GalleryPage clips(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
                             @QueryParam("refresh") String refresh) {
        int pageLimit = Math.min(parseInt("limit", limit, config.defaultLimit(), 1), config.maxLimit());
        int pageOffset = parseInt("offset", offset, 0, 0);
        IndexSnapshot snapshot = current(parseBoolean("refresh", refresh));
        List<GalleryClip> items = new ArrayList<>(pageLimit);
        for (IndexSnapshot.ClipRef ref : snapshot.page(pageOffset, pageLimit)) {
            items.add(item(ref.job(), ref.clip()));
        }
        int total = snapshot.clipCount();
        return new GalleryPage(items, total, pageLimit, pageOffset, pageOffset + items.size() < total);
    }

    /** The same list under the path the gateway forwards {@code /gallery} to. */
    @GET
    @Path("gallery")
    @Operation(summary = "Same as /clips")
    public GalleryPage gallery(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
                               @QueryParam("refresh") String refresh) {
        return clips(limit, offset, refresh);
    }

    @GET
    @Path("jobs/{job_id}/clips")
    @Operation(summary = "Every clip of one job")
    public JobClips jobClips(@PathParam("job_id") String jobId, @QueryParam("refresh") String refresh) {
        if (!JobId.isValid(jobId)) {
            throw ApiException.badParameter("invalid_job_id", "job_id", "job_id must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
        }
        IndexedJob job = current(parseBoolean("refresh", refresh)).job(JobId.requireValid(jobId))
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "job_not_found",
                        "no stored clips for job " + jobId.toLowerCase(), "job_id"));
        List<GalleryClip> items = job.clips().stream().map(clip -> item(job, clip)).toList();
        return new JobClips(job.jobId(), job.title(), job.createdAt(), items);
    }

    private GalleryClip item(IndexedJob job, IndexedClip clip) {
        String thumbnail = clip.thumbnail() == null ? null : urls.urlFor(job.keyOf(clip.thumbnail()));
        return new GalleryClip(job.jobId(), clip.number(), urls.urlFor(job.keyOf(clip.file())), clip.title(),
                clip.tiktokDesc(), clip.instaDesc(), job.createdAt(), clip.duration(), thumbnail,
                clip.captions() == null ? null : urls.urlFor(job.keyOf(clip.captions())));
    }

    private IndexSnapshot current(boolean refresh) {
        try {
            if (refresh) {
                index.refreshFromNow().get();
            } else if (!index.isBuilt()) {
                index.refresh().get(config.firstBuildWaitSeconds(), TimeUnit.SECONDS);
            } else {
                index.refreshIfStale();
            }
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw notReady();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notReady();
        }
        return index.snapshot();
    }

    private static ApiException notReady() {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "index_not_ready",
                "the gallery index is still being built, try again shortly", null);
    }

    private static int parseInt(String field, String value, int absent, int min) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min) {
                throw ApiException.badParameter(field, field + " must be at least " + min + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(field, field + " must be a whole number, got '" + abbreviate(value) + "'");
        }
    }

    private static boolean parseBoolean(String field, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badParameter(field, field + " must be true or false, got '" + abbreviate(value) + "'");
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
