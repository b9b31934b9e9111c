package io.corral.placement;

import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the placement service on a random port beside a real receptor, each with a database of its
 * own on a real PostgreSQL: every test class starts from empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = PlacementApplication.CONFIG_NAME)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class PlacementIntegrationTest {

    protected static ReceptorUnderTest receptorService;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        TestTokens.register(registry);
        receptorService = ReceptorUnderTest.start();
        URI receptorUri = receptorService.uri();
        registry.add("corral.receptor.url", receptorUri::toString);
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

    protected static String adminToken() {
        return TestTokens.withScopes("placement.admin");
    }

    /** The placement API as an operator holding placement.admin calls it. */
    protected AdminHttp admin() {
        return new AdminHttp(baseUri(), adminToken());
    }
}
