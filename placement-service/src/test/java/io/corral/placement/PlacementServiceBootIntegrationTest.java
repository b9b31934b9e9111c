package io.corral.placement;

import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlacementServiceBootIntegrationTest extends PlacementIntegrationTest {

    @Test
    void theAdminApiNeedsThePlacementAdminScopeAndHealthNeedsNothing() {
        admin().as(TestTokens.withScopes("receptor.read"))
            .get("/v1/placement_constraints")
            .assertError(403, "Forbidden");
        admin().as("not-a-token").get("/v1/rollouts").assertError(401, "Unauthorized");
        Eventually.await(Duration.ofSeconds(20), "health answers UP without a token, once the receptor is read",
                () -> admin().as(null).get("/actuator/health").status() == 200);
    }

}
