package io.corral.receptor.lrp;

import io.corral.receptor.api.ApiPatterns;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.support.web.ApiException;
import io.corral.receptor.common.JsonArrayResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DesiredLrpController {

    private final DesiredLrpService service;

    public DesiredLrpController(DesiredLrpService service) {
        this.service = service;
    }

    @Operation(summary = "Desire an LRP")
    @PostMapping("/v1/desired_lrps")
    @ResponseStatus(HttpStatus.CREATED)
    public DesiredLrp create(@Valid @RequestBody DesiredLrp request) {
        return service.create(request);
    }

    @Operation(summary = "List all desired LRPs, or an app's (app_guid), newest first")
    @GetMapping("/v1/desired_lrps")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = DesiredLrp.class))))
    public void list(@RequestParam(name = "app_guid", required = false) String appGuid, HttpServletResponse response)
            throws IOException {
        if (appGuid == null) {
            JsonArrayResponse.<DesiredLrp>write(response, sink -> service.forEach(null, sink));
            return;
        }
        if (!ApiPatterns.isGuid(appGuid)) {
            throw ApiException.invalidRequest("app_guid: " + ApiPatterns.GUID_RULE);
        }
        JsonArrayResponse.<DesiredLrp>write(response, sink -> service.forEachOfApp(appGuid, sink));
    }

    @Operation(summary = "List a domain's desired LRPs")
    @GetMapping("/v1/domains/{domain}/desired_lrps")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = DesiredLrp.class))))
    public void listByDomain(@PathVariable String domain, HttpServletResponse response) throws IOException {
        JsonArrayResponse.<DesiredLrp>write(response, sink -> service.forEach(domain, sink));
    }

    @Operation(summary = "Get a desired LRP")
    @GetMapping("/v1/desired_lrps/{process_guid}")
    public DesiredLrp get(@PathVariable("process_guid") String processGuid) {
        return service.get(processGuid);
    }

    @Operation(summary = "Update a desired LRP (instances, routes, annotation)")
    @PutMapping("/v1/desired_lrps/{process_guid}")
    public DesiredLrp update(@PathVariable("process_guid") String processGuid,
            @Valid @RequestBody DesiredLrpUpdate update) {
        return service.update(processGuid, update);
    }

    @Operation(summary = "Delete a desired LRP and stop its instances")
    @DeleteMapping("/v1/desired_lrps/{process_guid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("process_guid") String processGuid) {
        service.delete(processGuid);
    }

}
