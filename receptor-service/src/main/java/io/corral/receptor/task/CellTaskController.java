package io.corral.receptor.task;

import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskCompletion;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A cell's reports on its tasks: started, completed. */
@RestController
public class CellTaskController {

    private final TaskService service;

    public CellTaskController(TaskService service) {
        this.service = service;
    }

    @Operation(summary = "Report a task started on the cell")
    @PostMapping("/v1/cells/{cell_id}/tasks/{task_guid}/start")
    public Task start(@PathVariable("cell_id") String cellId, @PathVariable("task_guid") String taskGuid) {
        return service.start(cellId, taskGuid);
    }

    @Operation(summary = "Report a task completed, with its result")
    @PostMapping("/v1/cells/{cell_id}/tasks/{task_guid}/complete")
    public Task complete(@PathVariable("cell_id") String cellId, @PathVariable("task_guid") String taskGuid,
            @Valid @RequestBody TaskCompletion completion) {
        return service.complete(cellId, taskGuid, completion);
    }

}
