package io.corral.benchmarks;

import io.corral.placement.PlacementApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The placement service, booted in this JVM on a free port with its shipped settings
 * ({@code placement.yml}), against a database of its own, placing for the receptor at {@code receptorUri}.
 */
final class InProcessPlacement implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final URI baseUri;

    private InProcessPlacement(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUri = InProcessServices.baseUriOf(context);
    }

    static InProcessPlacement start(String jdbcUrl, String user, String password, Path issuerKeyFile, String issuer,
            URI receptorUri, Map<String, String> overrides) {
        // It trusts the benchmark's issuer, and mints its own receptor token with the same key.
        Map<String, String> properties = InProcessServices.commonProperties(jdbcUrl, user, password, issuerKeyFile, issuer);
        properties.put("corral.security.dev-issuer.token-file",
                issuerKeyFile.resolveSibling("placement-token").toString());
        properties.put("corral.receptor.url", receptorUri.toString());
        properties.putAll(overrides);
        return new InProcessPlacement(PlacementApplication.application().run(InProcessServices.arguments(properties)));
    }

    URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        context.close();
    }
}
