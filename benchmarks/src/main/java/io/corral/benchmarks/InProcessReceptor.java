package io.corral.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.corral.receptor.ReceptorApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The receptor, booted in this JVM on a free port with its shipped settings, against one database. */
final class InProcessReceptor implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final URI baseUri;

    private InProcessReceptor(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUri = URI.create("http://127.0.0.1:" + port);
    }

    static InProcessReceptor start(String jdbcUrl, String user, String password, Path issuerKeyFile, String issuer,
            Map<String, String> overrides) {
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
        // The benchmark plays the cells, and claims an instance only after all were assigned: far
        // later than a real cell would, so convergence must not take the assignments back meanwhile.
        properties.put("corral.convergence.placement-timeout", "24h");
        properties.putAll(overrides);
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new InProcessReceptor(SpringApplication.run(ReceptorApplication.class, args.toArray(String[]::new)));
    }

    URI baseUri() {
        return baseUri;
    }

    /** The receptor's JDBC connection pool size, or -1 if it is not a Hikari pool. */
    int connectionPoolSize() {
        return context.getBean(DataSource.class) instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : -1;
    }

    @Override
    public void close() {
        context.close();
    }
}
