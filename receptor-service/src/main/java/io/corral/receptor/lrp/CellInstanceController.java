package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.InstanceTransition;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A cell's reports on its instances: claim, start, crash, fail, remove. */
@RestController
public class CellInstanceController {

    private final ActualLrpService service;

    public CellInstanceController(ActualLrpService service) {
        this.service = service;
    }

    @PostMapping("/v1/cells/{cellId}/actual_lrps/{processGuid}/index/{index}/{action:claim|start|crash|fail|remove}")
    public ActualLrp report(@PathVariable String cellId, @PathVariable String processGuid, @PathVariable int index,
            @PathVariable String action, @Valid @RequestBody InstanceTransition report) {
        return service.report(cellId, processGuid, index, action, report);
    }
}
