package io.corral.receptor;

import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.TestPostgres;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Boots the receptor on a random port against its own database on a real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
