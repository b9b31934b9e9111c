package io.corral.sshauth.grant;

import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** What proxies report about sessions, and what they are told about them. */
@RestController
public class GrantController {

    private final Grants grants;

    private final GrantEvents events;

    public GrantController(Grants grants, GrantEvents events) {
        this.grants = grants;
        this.events = events;
    }

    @Operation(summary = "Mark a session's instance tainted (a shell was opened or a file written)")
    @PostMapping("/v1/ssh/grants/{grant_id}/taint")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void taint(@PathVariable("grant_id") String grantId, @Valid @RequestBody TaintRequest request) {
        grants.taint(grantId(grantId), request.reason());
    }

    @Operation(summary = "End a session (a tainted instance may be replaced)")
    @DeleteMapping("/v1/ssh/grants/{grant_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void end(@PathVariable("grant_id") String grantId) {
        grants.end(grantId(grantId));
    }

    @Operation(summary = "Whether grants are still live, with their permissions")
    @PostMapping("/v1/ssh/grants/check")
    public CheckResponse check(@Valid @RequestBody CheckRequest request) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < request.grantIds().size(); i++) {
            ids.add(uuid("grant_ids[" + i + "]", request.grantIds().get(i)));
        }
        return new CheckResponse(grants.check(ids));
    }

    @Operation(summary = "Follow revocations and permission changes of live grants (SSE)")
    @GetMapping(path = "/v1/ssh/grants/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return events.subscribe(lastEventId == null ? null : eventId(lastEventId));
    }

    private static UUID grantId(String value) {
        return uuid("grant_id", value);
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(name + ": must be a UUID");
        }
    }

    private static long eventId(String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        }
        catch (NumberFormatException e) {
            throw ApiException.invalidRequest("Last-Event-ID: must be an event id this stream sent");
        }
    }

    record TaintRequest(
            @NotNull @Pattern(regexp = "shell|file_write", message = "must be shell or file_write") String reason) {
    }

    record CheckRequest(@NotNull @Size(max = 1000) List<@NotNull @Size(max = 64) String> grantIds) {
    }

    record CheckResponse(List<GrantStatus> grants) {
    }

}
