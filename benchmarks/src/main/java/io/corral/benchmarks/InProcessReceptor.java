package io.corral.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.corral.receptor.ReceptorApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The receptor, booted in this JVM on a free port with its shipped settings, against one database. */
final class InProcessReceptor implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final URI baseUri;

    private InProcessReceptor(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUri = InProcessServices.baseUriOf(context);
    }

    static InProcessReceptor start(String jdbcUrl, String user, String password, Path issuerKeyFile, String issuer,
            Map<String, String> overrides) {
        Map<String, String> properties = InProcessServices.commonProperties(jdbcUrl, user, password, issuerKeyFile, issuer);
        // The benchmark plays the cells, and claims an instance only after all were assigned: far
        // later than a real cell would, so convergence must not take the assignments back meanwhile.
        properties.put("corral.convergence.placement-timeout", "24h");
        properties.putAll(overrides);
        return new InProcessReceptor(SpringApplication.run(ReceptorApplication.class,
                InProcessServices.arguments(properties)));
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
