package io.corral.receptor.task;

import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskCompletion;
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

    @PostMapping("/v1/cells/{cellId}/tasks/{taskGuid}/start")
    public Task start(@PathVariable String cellId, @PathVariable String taskGuid) {
        return service.start(cellId, taskGuid);
    }

    @PostMapping("/v1/cells/{cellId}/tasks/{taskGuid}/complete")
    public Task complete(@PathVariable String cellId, @PathVariable String taskGuid,
            @Valid @RequestBody TaskCompletion completion) {
        return service.complete(cellId, taskGuid, completion);
    }
}
