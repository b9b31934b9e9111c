package io.corral.placement;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A real receptor on a random port with a database of its own, beside the placement service under test. */
public final class ReceptorUnderTest implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ReceptorUnderTest(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts one; scheduled convergence is pushed out of the way, tests run a pass with {@link #converge()}. */
    public static ReceptorUnderTest start() {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(TestPostgres.freshDataSource());
        properties.putAll(TestTokens.properties());
        properties.put("server.port", "0");
        properties.put("spring.application.name", "receptor");
        properties.put("corral.convergence.interval", "1h");
        properties.put("management.metrics.tags.application", "receptor");
        // As arguments, not default properties: those would lose to application.yml's server.port.
        String[] args = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return new ReceptorUnderTest(new SpringApplicationBuilder(ReceptorApplication.class).run(args));
    }

    public URI uri() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    public ReceptorClient client() {
        return new ReceptorClient(uri(), TestTokens::receptorAdmin);
    }

    /** One convergence pass, as the receptor's leader runs it every 30 s. */
    public void converge() {
        context.getBean(ConvergenceRunner.class).runOnce();
    }

    @Override
    public void close() {
        context.close();
    }
}
