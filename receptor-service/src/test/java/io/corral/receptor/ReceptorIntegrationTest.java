package io.corral.receptor;

import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Boots the receptor as it boots alone (its main method) on a random port against a
 * database of its own on a real PostgreSQL: each test class starts from empty tables.
 * Scheduled convergence is pushed out of the way: tests that need a pass run one
 * themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = "corral.convergence.interval=1h")
public abstract class ReceptorIntegrationTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
        TestTokens.register(registry);
    }

    protected URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client holding every receptor scope. */
    protected ReceptorClient receptor() {
        return new ReceptorClient(baseUri(), TestTokens::receptorAdmin);
    }

}
