package io.corral.receptor.events;

import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.OptionalLong;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
public class EventStreamController {

    private final EventStreams streams;

    public EventStreamController(EventStreams streams) {
        this.streams = streams;
    }

    /**
     * The event stream (Server-Sent Events). With {@code Last-Event-ID} (or
     * {@code last_event_id}) it first replays every stored event after that id; without,
     * it starts from now.
     */
    @Operation(summary = "Follow the event stream (Server-Sent Events)")
    @ApiResponse(responseCode = "200", description = "The events, each with its id, type and JSON data",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @GetMapping(path = "/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> events(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            @RequestParam(name = "last_event_id", required = false) String lastEventIdParam) {
        OptionalLong lastEventId = parse(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
        return ResponseEntity.ok()
            .header("Cache-Control", "no-cache")
            .header("X-Accel-Buffering", "no")
            .body(streams.open(lastEventId));
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
