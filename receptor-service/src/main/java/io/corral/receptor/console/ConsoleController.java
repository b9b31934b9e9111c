package io.corral.receptor.console;

import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's page and where it finds the other services. Neither holds platform data:
 * the page asks its user for a token, and every call it makes for data carries it. Not an
 * API operation, so not in the OpenAPI document.
 */
@Hidden
@RestController
class ConsoleController {

    private static final Resource PAGE = new ClassPathResource(ConsoleResources.LOCATION + "index.html");

    private final ConsoleServices services;

    ConsoleController(ConsoleProperties properties) {
        this.services = ConsoleServices.of(properties);
    }

    @GetMapping("/console")
    ResponseEntity<Void> toPage() {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create("/console/")).build();
    }

    @GetMapping(path = "/console/", produces = MediaType.TEXT_HTML_VALUE)
    Resource page() {
        return PAGE;
    }

    @GetMapping(path = "/console/services.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ConsoleServices services() {
        return services;
    }

}
