package io.corral.apicheck;

import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Boots {@link EveryService} and writes the OpenAPI document each serves to
 * {@code target/openapi/<service>.json}, where the build's client generator reads them.
 */
final class ServedDocuments {

    static final Path DIRECTORY = Path.of("target", "openapi");

    private ServedDocuments() {
    }

    /** The path of each service's document, by service name. */
    static Map<String, Path> write() {
        try (EveryService services = EveryService.start(Map.of())) {
            Map<String, Path> documents = new LinkedHashMap<>();
            services.byName().forEach((name, service) -> documents.put(name, save(name, service.uri())));
            return documents;
        }
    }

    private static Path save(String service, URI baseUri) {
        RawHttp.Response docs = new RawHttp(baseUri).send("GET", "/v3/api-docs",
                TestTokens.withScopes("receptor.read", "placement.admin", "routes.read"), null);
        docs.expect(200);
        try {
            Files.createDirectories(DIRECTORY);
            return Files.writeString(DIRECTORY.resolve(service + ".json"), docs.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
