package io.corral.receptor.task;

import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Task;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TaskController {

    private final TaskService service;

    public TaskController(TaskService service) {
        this.service = service;
    }

    @Operation(summary = "Desire a task")
    @PostMapping("/v1/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    public Task create(@Valid @RequestBody Task request) {
        return service.create(request);
    }

    @Operation(summary = "List all tasks")
    @GetMapping("/v1/tasks")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Task.class))))
    public void list(HttpServletResponse response) throws IOException {
        JsonArrayResponse.<Task>write(response, sink -> service.forEach(null, sink));
    }

    @Operation(summary = "List a domain's tasks")
    @GetMapping("/v1/domains/{domain}/tasks")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Task.class))))
    public void listByDomain(@PathVariable String domain, HttpServletResponse response) throws IOException {
        JsonArrayResponse.<Task>write(response, sink -> service.forEach(domain, sink));
    }

    @Operation(summary = "Get a task")
    @GetMapping("/v1/tasks/{task_guid}")
    public Task get(@PathVariable("task_guid") String taskGuid) {
        return service.get(taskGuid);
    }

    @Operation(summary = "Cancel a task")
    @PostMapping("/v1/tasks/{task_guid}/cancel")
    public Task cancel(@PathVariable("task_guid") String taskGuid) {
        return service.cancel(taskGuid);
    }

    @Operation(summary = "Delete a completed task")
    @DeleteMapping("/v1/tasks/{task_guid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("task_guid") String taskGuid) {
        service.delete(taskGuid);
    }

    /** The placement service's decision for a PENDING task. */
    @Operation(summary = "Assign a pending task to a cell, or record why not")
    @PostMapping("/v1/tasks/{task_guid}/assignment")
    public Task assign(@PathVariable("task_guid") String taskGuid, @Valid @RequestBody Assignment assignment) {
        return service.assign(taskGuid, assignment);
    }

}
