package io.corral.sshauth.authorize;

import static io.corral.sshauth.SshAuthFixture.assertRefused;

import io.corral.sshauth.SshAuthFixture;
import io.corral.testsupport.CuttableProxy;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A refused login while ssh-auth-service's database is unreachable: its failure cannot be
 * counted, so the answer is 503, not a refusal that would leave the failure uncounted;
 * once the database is back, refusals are counted again.
 */
class DatabaseDownIntegrationTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void aFailureThatCannotBeCountedIsDatabaseUnavailable() {
        try (CuttableProxy database = TestPostgres.cuttableProxy();
                SshAuthFixture platform = new SshAuthFixture(TestPostgres.freshDataSourceThrough(database))) {
            String expired = SshAuthFixture.expiredUserToken("kim");
            assertRefused(platform.authorize("cf:app-any/0", expired, "192.0.2.150:1"), "token_expired");

            database.cut();
            platform.authorize("cf:app-any/0", expired, "192.0.2.150:1").assertError(503, "DatabaseUnavailable");

            database.restore();
            Eventually.await(LIMIT, "failures are counted again",
                    () -> platform.authorize("cf:app-any/0", expired, "192.0.2.150:1").status() == 403);
        }
    }

}
