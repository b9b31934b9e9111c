package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.InstanceTransition;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A cell's reports on its instances: claim, start, crash, fail, remove. */
@RestController
public class CellInstanceController {

    private static final String INSTANCE = "/v1/cells/{cell_id}/actual_lrps/{process_guid}/index/{index}";

    private final ActualLrpService service;

    public CellInstanceController(ActualLrpService service) {
        this.service = service;
    }

    @Operation(summary = "Claim an instance placed on the cell")
    @PostMapping(INSTANCE + "/claim")
    public ActualLrp claim(@PathVariable("cell_id") String cellId, @PathVariable("process_guid") String processGuid,
            @PathVariable int index, @Valid @RequestBody InstanceTransition report) {
        return service.claim(cellId, processGuid, index, report);
    }

    @Operation(summary = "Report an instance running, with its address and ports")
    @PostMapping(INSTANCE + "/start")
    public ActualLrp start(@PathVariable("cell_id") String cellId, @PathVariable("process_guid") String processGuid,
            @PathVariable int index, @Valid @RequestBody InstanceTransition report) {
        return service.start(cellId, processGuid, index, report);
    }

    @Operation(summary = "Report an instance crashed")
    @PostMapping(INSTANCE + "/crash")
    public ActualLrp crash(@PathVariable("cell_id") String cellId, @PathVariable("process_guid") String processGuid,
            @PathVariable int index, @Valid @RequestBody InstanceTransition report) {
        return service.crash(cellId, processGuid, index, report);
    }

    @Operation(summary = "Report that the cell could not start a claimed instance")
    @PostMapping(INSTANCE + "/fail")
    public ActualLrp fail(@PathVariable("cell_id") String cellId, @PathVariable("process_guid") String processGuid,
            @PathVariable int index, @Valid @RequestBody InstanceTransition report) {
        return service.fail(cellId, processGuid, index, report);
    }

    @Operation(summary = "Remove an instance the cell no longer runs")
    @PostMapping(INSTANCE + "/remove")
    public ActualLrp remove(@PathVariable("cell_id") String cellId, @PathVariable("process_guid") String processGuid,
            @PathVariable int index, @Valid @RequestBody InstanceTransition report) {
        return service.remove(cellId, processGuid, index, report);
    }

}
