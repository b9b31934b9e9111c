package io.corral.receptor.task;

import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Task;
import io.corral.receptor.common.JsonArrayResponse;
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

    @PostMapping("/v1/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    public Task create(@Valid @RequestBody Task request) {
        return service.create(request);
    }

    @GetMapping("/v1/tasks")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Task.class))))
    public void list(HttpServletResponse response) throws IOException {
        JsonArrayResponse.<Task>write(response, sink -> service.forEach(null, sink));
    }

    @GetMapping("/v1/domains/{domain}/tasks")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = Task.class))))
    public void listByDomain(@PathVariable String domain, HttpServletResponse response) throws IOException {
        JsonArrayResponse.<Task>write(response, sink -> service.forEach(domain, sink));
    }

    @GetMapping("/v1/tasks/{taskGuid}")
    public Task get(@PathVariable String taskGuid) {
        return service.get(taskGuid);
    }

    @PostMapping("/v1/tasks/{taskGuid}/cancel")
    public Task cancel(@PathVariable String taskGuid) {
        return service.cancel(taskGuid);
    }

    @DeleteMapping("/v1/tasks/{taskGuid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String taskGuid) {
        service.delete(taskGuid);
    }

    /** The placement service's decision for a PENDING task. */
    @PostMapping("/v1/tasks/{taskGuid}/assignment")
    public Task assign(@PathVariable String taskGuid, @Valid @RequestBody Assignment assignment) {
        return service.assign(taskGuid, assignment);
    }
}
