package dev.clipflow.gateway.gallery;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** gallery-service's API; base URL from {@code GALLERY_URL}. */
@RegisterRestClient(configKey = "gallery")
@Path("/gallery")
public interface GalleryClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
                  @QueryParam("refresh") Boolean refresh);
}
