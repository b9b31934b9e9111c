package io.corral.receptor.lrp;

import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.DesiredLrpUpdate;
import jakarta.validation.Valid;
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
    public List<DesiredLrp> list() {
        return service.list(null);
    }

    @GetMapping("/v1/domains/{domain}/desired_lrps")
    public List<DesiredLrp> listByDomain(@PathVariable String domain) {
        return service.list(domain);
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
