package io.corral.apicheck;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots the receptor and, pointed at it, the placement service, each on a database of its own, and
 * writes the OpenAPI document each serves to {@code target/openapi/<service>.json}, where the build's
 * client generator reads them.
 */
final class ServedDocuments {

    static final Path DIRECTORY = Path.of("target", "openapi");

    private ServedDocuments() {
    }

    /** The path of each service's document, by service name. */
    static Map<String, Path> write() {
        try (ConfigurableApplicationContext receptor = boot(new SpringApplicationBuilder(ReceptorApplication.class),
                Map.of("corral.convergence.interval", "1h"))) {
            URI receptorUri = baseUri(receptor);
            try (ConfigurableApplicationContext placement = boot(
                    new SpringApplicationBuilder(PlacementApplication.class).properties(PlacementApplication.CONFIG_NAME),
                    Map.of("corral.receptor.url", receptorUri.toString()))) {
                return Map.of(
                        "receptor", save("receptor", receptorUri),
                        "placement", save("placement", baseUri(placement)));
            }
        }
    }

    private static ConfigurableApplicationContext boot(SpringApplicationBuilder application,
            Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(settings);
        properties.putAll(TestPostgres.freshDataSource());
        properties.putAll(TestTokens.properties());
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        // As arguments, not default properties: those would lose to the settings file's server.port.
        String[] args = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return application.run(args);
    }

    private static URI baseUri(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static Path save(String service, URI baseUri) {
        RawHttp.Response docs = new RawHttp(baseUri).send("GET", "/v3/api-docs",
                TestTokens.withScopes("receptor.read", "placement.admin"), null);
        docs.expect(200);
        try {
            Files.createDirectories(DIRECTORY);
            return Files.writeString(DIRECTORY.resolve(service + ".json"), docs.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
