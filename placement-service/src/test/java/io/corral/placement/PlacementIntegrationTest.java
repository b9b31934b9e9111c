package io.corral.placement;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the placement service as it boots alone (its main method) on a random port beside
 * a real receptor, each with a database of its own on a real PostgreSQL: every test class
 * starts from empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class PlacementIntegrationTest {

    protected static ServiceUnderTest receptorService;

    @LocalServerPort
    protected int port;

    /**
     * Before the placement service boots: while its main method boots it, no other
     * application may start.
     */
    @BeforeAll
    static void startReceptor() {
        // Scheduled convergence is pushed out of the way: tests run a pass with
        // converge().
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        TestTokens.register(registry);
        registry.add("corral.receptor.url", () -> receptorService.uri().toString());
    }

    @AfterAll
    static void stopReceptor() {
        if (receptorService != null) {
            receptorService.close();
        }
    }

    protected URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The receptor with every scope: a Cloud Controller and the cells in one. */
    protected ReceptorClient receptor() {
        return receptorService.client();
    }

    /** One convergence pass of the receptor, as its leader runs one every 30 s. */
    protected static void converge() {
        receptorService.bean(ConvergenceRunner.class).runOnce();
    }

    protected static String adminToken() {
        return TestTokens.withScopes("placement.admin");
    }

    /** The placement API as an operator holding placement.admin calls it. */
    protected AdminHttp admin() {
        return new AdminHttp(baseUri(), adminToken());
    }

}
