package io.corral.sshauth.credential;

import static io.corral.sshauth.SshAuthFixture.assertRefused;
import static io.corral.sshauth.SshAuthFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.sshauth.SshAuthFixture;
import io.corral.testsupport.RawHttp.Response;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * One-time codes on real PostgreSQL: issued for a token, used once, only before expiry.
 */
class OneTimeCodeIntegrationTest {

    private static SshAuthFixture platform;

    @BeforeAll
    static void start() {
        platform = new SshAuthFixture();
        platform.desire("api-v1", "app-api", "space-c", 1);
        platform.run("api-v1", 0);
        platform.addDeveloper("space-c", "carol");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aCodeLogsInOnceAndIsKeptOnlyAsItsHash() {
        String code = issue(userToken("carol"));

        JsonNode grant = platform.authorize("cf:app-api/0", code, "198.51.100.20:1").expect(200);
        assertThat(grant.path("user_id").asString()).isEqualTo("carol");
        assertRefused(platform.authorize("cf:app-api/0", code, "198.51.100.20:2"), "code_used_or_expired");

        List<String> stored = db().sql("select encode(code_hash, 'escape') from ssh_codes").query(String.class).list();
        assertThat(stored).noneMatch(hash -> hash.contains(code));
    }

    @Test
    void anExpiredCodeIsRefused() {
        String code = issue(userToken("carol"));
        db().sql("update ssh_codes set expires_at = now() - interval '1 second' where used_at is null").update();

        assertRefused(platform.authorize("cf:app-api/0", code, "198.51.100.21:1"), "code_used_or_expired");
    }

    @Test
    void anUnknownCodeIsABadCredential() {
        assertRefused(platform.authorize("cf:app-api/0", "AAAAAAAAAAAAAAAAAAAAAAAAAAA", "198.51.100.22:1"),
                "invalid_credential");
    }

    @Test
    void loginsRacingWithOneCodeWinOnce() throws Exception {
        String code = issue(userToken("carol"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> logins = IntStream.range(0, 8)
                .mapToObj(i -> (Callable<Response>) () -> platform.authorize("cf:app-api/0", code,
                        "198.51.100." + (30 + i) + ":1"))
                .toList();
            List<Integer> statuses = pool.invokeAll(logins).stream().map(OneTimeCodeIntegrationTest::status).toList();
            assertThat(statuses).containsOnlyOnce(200).contains(403);
        }
        finally {
            pool.shutdown();
        }
    }

    @Test
    void aCodeNeedsTheUsersValidToken() {
        platform.http.send("POST", "/v1/ssh/codes", null, null).assertError(401, "Unauthorized");
        platform.http.send("POST", "/v1/ssh/codes", SshAuthFixture.expiredUserToken("carol"), null)
            .assertError(401, "Unauthorized");
    }

    @Test
    void aCodeCarriesTheAdminScopeOfItsToken() {
        String code = issue(userToken("root", "cloud_controller.admin"));
        platform.authorize("cf:app-api/0", code, "198.51.100.23:1").expect(200);
    }

    private static String issue(String token) {
        JsonNode issued = platform.http.send("POST", "/v1/ssh/codes", token, null).expect(201);
        assertThat(issued.path("expires_in").asInt()).isEqualTo(60);
        return issued.path("code").asString();
    }

    private static JdbcClient db() {
        return platform.sshAuth.bean(JdbcClient.class);
    }

    private static int status(Future<Response> response) {
        try {
            return response.get().status();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
