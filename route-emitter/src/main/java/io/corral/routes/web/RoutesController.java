package io.corral.routes.web;

import io.corral.routes.emitter.RouteEmitter;
import io.corral.routes.table.Endpoint;
import io.corral.routes.table.RegistryMessage;
import io.corral.routes.table.RouterShards;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RoutesController {

    private static final int WRITE_CHUNK = 64 * 1024;

    private final RouteEmitter emitter;

    public RoutesController(RouteEmitter emitter) {
        this.emitter = emitter;
    }

    /**
     * The HTTP routes a router must serve, each in the shape of gorouter's
     * {@code router.register} message (one hostname each), written on the request's own
     * thread as it is encoded: the answer ends with the table, with no async dispatch
     * after it taking the request through the filters and the error handling again.
     */
    @Operation(summary = "List the HTTP routes a router serves")
    @ApiResponse(responseCode = "200", description = "The routes, each as gorouter's router.register message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(type = "object"))))
    @GetMapping(path = "/v1/routes", produces = MediaType.APPLICATION_JSON_VALUE)
    public void routes(
            @Parameter(description = "The router's isolation segments, comma-separated or repeated") @RequestParam(
                    name = "router_tags", required = false) List<String> routerTags,
            @Parameter(description = "all, segments or shared-and-segments, as gorouter's "
                    + "routing_table_sharding_mode") @RequestParam(name = "sharding_mode",
                            required = false) String shardingMode,
            HttpServletResponse response) throws IOException {
        RouterShards shards = RouterFilter.shards(routerTags, shardingMode);
        List<Endpoint> served = emitter.snapshot().endpoints().stream().filter(e -> e.servedBy(shards)).toList();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        write(response.getOutputStream(), served);
    }

    /** The TCP routes of every running instance, for TCP routers. */
    @Operation(summary = "List the TCP routes")
    @ApiResponse(responseCode = "200", description = "The TCP routes: external port to backend address and port")
    @GetMapping(path = "/v1/tcp_routes", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<RouteJson.TcpRouteView> tcpRoutes() {
        return emitter.tcpRoutes().stream().map(RouteJson.TcpRouteView::of).toList();
    }

    private static void write(OutputStream out, List<Endpoint> endpoints) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(WRITE_CHUNK + 1024);
        buffer.write('[');
        for (int i = 0; i < endpoints.size(); i++) {
            if (i > 0) {
                buffer.write(',');
            }
            RegistryMessage.writeTo(buffer, endpoints.get(i));
            if (buffer.size() >= WRITE_CHUNK) {
                buffer.writeTo(out);
                buffer.reset();
            }
        }
        buffer.write(']');
        buffer.writeTo(out);
        out.flush();
    }

}
