package io.corral.routes.web;

import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
public class RouteEventsController {

    private final RouteEventStreams streams;

    public RouteEventsController(RouteEventStreams streams) {
        this.streams = streams;
    }

    /**
     * The HTTP routes a router serves as Server-Sent Events: a snapshot, then every
     * change; resumable with {@code Last-Event-ID}.
     */
    @Operation(summary = "Follow the HTTP route table (Server-Sent Events)")
    @ApiResponse(responseCode = "200",
            description = "snapshot, then unregister and register events, each {\"routes\": [...]}",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @GetMapping(path = "/v1/routes/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> events(
            @Parameter(description = "The router's isolation segments, comma-separated or repeated") @RequestParam(
                    name = "router_tags", required = false) List<String> routerTags,
            @Parameter(description = "all, segments or shared-and-segments") @RequestParam(name = "sharding_mode",
                    required = false) String shardingMode,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        var shards = RouterFilter.shards(routerTags, shardingMode);
        return ResponseEntity.ok()
            .header("Cache-Control", "no-cache")
            .header("X-Accel-Buffering", "no")
            .body(streams.open(shards, parse(lastEventId)));
    }

    private static OptionalLong parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(lastEventId.trim());
            if (id >= 0) {
                return OptionalLong.of(id);
            }
        }
        catch (NumberFormatException e) {
            // Answered below.
        }
        throw ApiException.invalidRequest("Last-Event-ID: must be the id of an event, a number >= 0");
    }

}
