package dev.clipflow.gateway.rest;

import dev.clipflow.contracts.http.ApiError;
import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.gateway.gallery.GalleryClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

@Path("/gallery")
@Tag(name = "gallery")
public class GalleryResource {

    private static final Logger LOG = Logger.getLogger(GalleryResource.class);

    private final GalleryClient gallery;

    public GalleryResource(@RestClient GalleryClient gallery) {
        this.gallery = gallery;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every stored clip, newest first (forwarded to gallery-service)")
    public Response list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
                         @QueryParam("refresh") Boolean refresh) {
        if (limit != null && limit < 1) {
            throw ApiException.invalid("invalid_parameter", "limit must be 1 or more", "limit");
        }
        if (offset != null && offset < 0) {
            throw ApiException.invalid("invalid_parameter", "offset must be 0 or more", "offset");
        }
        try (Response answer = gallery.list(limit, offset, refresh)) {
            String body = answer.hasEntity() ? answer.readEntity(String.class) : null;
            return Response.status(answer.getStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        } catch (jakarta.ws.rs.WebApplicationException e) {
            Response answer = e.getResponse();
            String body = answer.hasEntity() ? answer.readEntity(String.class) : null;
            return Response.status(answer.getStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        } catch (RuntimeException e) {
            LOG.warnf("gallery-service unreachable: %s", e.getMessage());
            return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "10")
                    .entity(ApiError.of("gallery_unavailable", "the gallery service is unavailable, try again later", null))
                    .build();
        }
    }
}
