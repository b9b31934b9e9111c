package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.client.ReceptorJson;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;

@RestController
public class ActualLrpController {

    private final ActualLrpService service;

    public ActualLrpController(ActualLrpService service) {
        this.service = service;
    }

    @GetMapping("/v1/actual_lrps")
    public void list(HttpServletResponse response) throws IOException {
        stream(null, response);
    }

    @GetMapping("/v1/domains/{domain}/actual_lrps")
    public void listByDomain(@PathVariable String domain, HttpServletResponse response) throws IOException {
        stream(domain, response);
    }

    @GetMapping("/v1/actual_lrps/{processGuid}")
    public List<ActualLrp> byProcess(@PathVariable String processGuid) {
        return service.byProcess(processGuid);
    }

    @GetMapping("/v1/actual_lrps/{processGuid}/index/{index}")
    public ActualLrp byIndex(@PathVariable String processGuid, @PathVariable int index) {
        return service.byIndex(processGuid, index);
    }

    @DeleteMapping("/v1/actual_lrps/{processGuid}/index/{index}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void stop(@PathVariable String processGuid, @PathVariable int index) {
        service.stop(processGuid, index);
    }

    /** The placement service's decision for one UNCLAIMED instance. */
    @PostMapping("/v1/actual_lrps/{processGuid}/index/{index}/assignment")
    public ActualLrp assign(@PathVariable String processGuid, @PathVariable int index,
            @Valid @RequestBody Assignment assignment) {
        return service.assign(processGuid, index, assignment);
    }

    /** Writes the JSON array row by row, so listing 100,000 instances holds only one in memory. */
    private void stream(String domain, HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (JsonGenerator generator = ReceptorJson.mapper().createGenerator(response.getOutputStream())) {
            generator.writeStartArray();
            service.forEach(domain, lrp -> ReceptorJson.mapper().writeValue(generator, lrp));
            generator.writeEndArray();
        }
    }
}
