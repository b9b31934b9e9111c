package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Evacuation;
import io.corral.receptor.api.Taint;
import io.corral.receptor.common.JsonArrayResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ActualLrpController {

    private final ActualLrpService service;

    private final ActualLrpRows rows;

    ActualLrpController(ActualLrpService service, ActualLrpRows rows) {
        this.service = service;
        this.rows = rows;
    }

    @Operation(summary = "List all instances")
    @GetMapping("/v1/actual_lrps")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = ActualLrp.class))))
    public void list(HttpServletResponse response) throws IOException {
        stream(null, response);
    }

    @Operation(summary = "List a domain's instances")
    @GetMapping("/v1/domains/{domain}/actual_lrps")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = ActualLrp.class))))
    public void listByDomain(@PathVariable String domain, HttpServletResponse response) throws IOException {
        stream(domain, response);
    }

    @Operation(summary = "List an LRP's instances")
    @GetMapping("/v1/actual_lrps/{process_guid}")
    public List<ActualLrp> byProcess(@PathVariable("process_guid") String processGuid) {
        return service.byProcess(processGuid);
    }

    @Operation(summary = "Get the instance at an index")
    @GetMapping("/v1/actual_lrps/{process_guid}/index/{index}")
    public ActualLrp byIndex(@PathVariable("process_guid") String processGuid, @PathVariable int index) {
        return service.byIndex(processGuid, index);
    }

    @Operation(summary = "Stop the instance at an index")
    @DeleteMapping("/v1/actual_lrps/{process_guid}/index/{index}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void stop(@PathVariable("process_guid") String processGuid, @PathVariable int index) {
        service.stop(processGuid, index);
    }

    /** The placement service's decision for one UNCLAIMED instance. */
    @Operation(summary = "Assign an unclaimed instance to a cell, or record why not")
    @PostMapping("/v1/actual_lrps/{process_guid}/index/{index}/assignment")
    public ActualLrp assign(@PathVariable("process_guid") String processGuid, @PathVariable int index,
            @Valid @RequestBody Assignment assignment) {
        return service.assign(processGuid, index, assignment);
    }

    /**
     * The placement service moves a RUNNING instance away; answers the new instance that
     * replaces it.
     */
    @Operation(summary = "Evacuate a running instance to another cell")
    @PostMapping("/v1/actual_lrps/{process_guid}/index/{index}/evacuate")
    public ActualLrp evacuate(@PathVariable("process_guid") String processGuid, @PathVariable int index,
            @Valid @RequestBody Evacuation evacuation) {
        return service.evacuate(processGuid, index, evacuation.instanceGuid());
    }

    /**
     * ssh-auth-service marks an instance in which an SSH session opened a shell or wrote
     * a file: it no longer is what was pushed.
     */
    @Operation(summary = "Mark an instance tainted (an SSH session changed it)")
    @PutMapping("/v1/actual_lrps/{process_guid}/index/{index}/tainted")
    public ActualLrp taint(@PathVariable("process_guid") String processGuid, @PathVariable int index,
            @Valid @RequestBody Taint taint) {
        return service.taint(processGuid, index, taint.instanceGuid());
    }

    private void stream(String domain, HttpServletResponse response) throws IOException {
        JsonArrayResponse.writeElements(response, json -> rows.write(domain, json));
    }

}
