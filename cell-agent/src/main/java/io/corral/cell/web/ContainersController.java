package io.corral.cell.web;

import io.corral.cell.container.Containers;
import io.corral.cell.container.LogStream;
import io.corral.receptor.api.ApiPatterns;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the cell holds, and what its containers wrote. */
@RestController
public class ContainersController {

    private final Containers containers;

    public ContainersController(Containers containers) {
        this.containers = containers;
    }

    /** The ids (instance or task guids) of the containers the cell holds. */
    public record HeldContainers(List<String> containers) {
    }

    @Operation(summary = "List the containers the cell holds")
    @GetMapping("/v1/containers")
    public HeldContainers held() {
        return new HeldContainers(containers.held().stream().sorted().toList());
    }

    @Operation(summary = "Read a container's stdout or stderr, as far as it is kept")
    @GetMapping(path = "/v1/containers/{container_id}/logs", produces = MediaType.TEXT_PLAIN_VALUE)
    public String logs(@PathVariable("container_id") String containerId,
            @RequestParam(name = "stream", defaultValue = "stdout") String stream) {
        if (!ApiPatterns.isGuid(containerId)) {
            throw ApiException.invalidRequest("container_id: " + ApiPatterns.GUID_RULE);
        }
        LogStream which = switch (stream.toLowerCase(Locale.ROOT)) {
            case "stdout" -> LogStream.STDOUT;
            case "stderr" -> LogStream.STDERR;
            default -> throw ApiException.invalidRequest("stream: must be stdout or stderr");
        };
        return containers.logs(containerId, which)
            .orElseThrow(() -> new ApiException(ErrorCode.CONTAINER_NOT_FOUND,
                    "container_id: the cell keeps no logs of " + containerId));
    }

}
