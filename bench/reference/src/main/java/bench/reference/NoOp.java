package bench.reference;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;

/**
 * The cheapest JAX-RS answer Liberty gives: 204 for GET and POST, at /api/open/noop (anonymous) and
 * /api/auth/noop (Liberty's BASIC login, web.xml).
 */
@Path("{access: open|auth}/noop")
public class NoOp {

    @GET
    public Response get() {
        return Response.noContent().build();
    }

    @POST
    public Response post(String ignoredBody) {
        return Response.noContent().build();
    }

    @ApplicationPath("/api")
    public static class Api extends Application {}
}
