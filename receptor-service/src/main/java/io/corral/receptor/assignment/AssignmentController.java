package io.corral.receptor.assignment;

import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentResults;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The placement service's decisions for many instances and tasks in one request. */
@RestController
public class AssignmentController {

    private final AssignmentService service;

    public AssignmentController(AssignmentService service) {
        this.service = service;
    }

    @Operation(summary = "Assign many instances and tasks at once")
    @PostMapping("/v1/assignments")
    public AssignmentResults assign(@Valid @RequestBody AssignmentBatch batch,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return service.assign(batch, idempotencyKey);
    }

}
