package io.corral.receptor.lrp;

import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.DesiredLrpUpdate;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DesiredLrpController {

    private final DesiredLrpService service;

    public DesiredLrpController(DesiredLrpService service) {
        this.service = service;
    }

    @PostMapping("/v1/desired_lrps")
    @ResponseStatus(HttpStatus.CREATED)
    public DesiredLrp create(@Valid @RequestBody DesiredLrp request) {
        return service.create(request);
    }

    @GetMapping("/v1/desired_lrps")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = DesiredLrp.class))))
    public void list(HttpServletResponse response) throws IOException {
        JsonArrayResponse.<DesiredLrp>write(response, sink -> service.forEach(null, sink));
    }

    @GetMapping("/v1/domains/{domain}/desired_lrps")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = DesiredLrp.class))))
    public void listByDomain(@PathVariable String domain, HttpServletResponse response) throws IOException {
        JsonArrayResponse.<DesiredLrp>write(response, sink -> service.forEach(domain, sink));
    }

    @GetMapping("/v1/desired_lrps/{processGuid}")
    public DesiredLrp get(@PathVariable String processGuid) {
        return service.get(processGuid);
    }

    @PutMapping("/v1/desired_lrps/{processGuid}")
    public DesiredLrp update(@PathVariable String processGuid, @Valid @RequestBody DesiredLrpUpdate update) {
        return service.update(processGuid, update);
    }

    @DeleteMapping("/v1/desired_lrps/{processGuid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String processGuid) {
        service.delete(processGuid);
    }
}
