package io.corral.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

class PlacementServiceBootIntegrationTest extends PlacementIntegrationTest {

    @Test
    void theAdminApiNeedsThePlacementAdminScopeAndHealthNeedsNothing() {
        admin().as(TestTokens.withScopes("receptor.read"))
            .get("/v1/placement_constraints")
            .assertError(403, "Forbidden");
        admin().as("not-a-token").get("/v1/rollouts").assertError(401, "Unauthorized");
        assertThat(admin().as(null).get("/actuator/health").status()).isEqualTo(200);
    }

}
