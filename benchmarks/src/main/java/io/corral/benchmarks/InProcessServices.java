package io.corral.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** What booting a Corral service in the benchmark's JVM takes, whichever service it is. */
final class InProcessServices {

    private InProcessServices() {
    }

    /**
     * A free port, quiet logs, its database, and trust in the benchmark's development issuer; the
     * caller adds the service's own settings.
     */
    static Map<String, String> commonProperties(String jdbcUrl, String user, String password, Path issuerKeyFile,
            String issuer) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("corral.security.dev-issuer.enabled", "true");
        properties.put("corral.security.dev-issuer.key-file", issuerKeyFile.toString());
        properties.put("corral.security.dev-issuer.issuer", issuer);
        return properties;
    }

    /** As command-line arguments, which win over the service's own settings file. */
    static String[] arguments(Map<String, String> properties) {
        return properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
    }

    static URI baseUriOf(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** Where a development issuer key for one run goes, in a directory of its own removed on exit. */
    static Path issuerKeyFile(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            directory.toFile().deleteOnExit();
            return directory.resolve("dev-issuer.key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
