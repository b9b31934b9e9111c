package io.corral.benchmarks;

import io.corral.placement.PlacementApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
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
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUri = URI.create("http://127.0.0.1:" + port);
    }

    static InProcessPlacement start(String jdbcUrl, String user, String password, Path issuerKeyFile, String issuer,
            URI receptorUri, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        // It trusts the benchmark's issuer, and mints its own receptor token with the same key.
        properties.put("corral.security.dev-issuer.enabled", "true");
        properties.put("corral.security.dev-issuer.key-file", issuerKeyFile.toString());
        properties.put("corral.security.dev-issuer.issuer", issuer);
        properties.put("corral.security.dev-issuer.token-file",
                issuerKeyFile.resolveSibling("placement-token").toString());
        properties.put("corral.receptor.url", receptorUri.toString());
        properties.putAll(overrides);
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new InProcessPlacement(PlacementApplication.application().run(args.toArray(String[]::new)));
    }

    URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        context.close();
    }
}
