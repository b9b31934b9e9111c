package io.corral.receptor.domain;

import io.corral.receptor.api.ApiPatterns;
import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DomainController {

    private final DomainService domains;

    public DomainController(DomainService domains) {
        this.domains = domains;
    }

    /** Marks the domain fresh for the header's {@code max-age} seconds (0 = forever). */
    @Operation(summary = "Mark a domain fresh")
    @PutMapping("/v1/domains/{domain}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void upsert(@PathVariable String domain,
            @RequestHeader(name = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
        if (!ApiPatterns.isName(domain)) {
            throw ApiException.invalidRequest("domain: " + ApiPatterns.NAME_RULE);
        }
        domains.upsert(domain, MaxAge.parse(cacheControl)
            .orElseThrow(() -> ApiException.invalidRequest(
                    "Cache-Control: header must be 'max-age=N' with N the seconds the domain stays fresh (0 = forever)")));
    }

    @Operation(summary = "List the fresh domains")
    @GetMapping("/v1/domains")
    public List<String> fresh() {
        return domains.fresh();
    }

}
