package io.corral.sshauth.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.sshauth.access.Caller;
import io.corral.sshauth.access.RefusalReason;
import io.corral.sshauth.access.RefusedException;
import io.corral.support.security.DevIssuer;
import io.corral.support.security.DevIssuerProperties;
import io.corral.support.security.TokenProperties;
import io.corral.testsupport.TemporaryDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * A user's token checked by Spring Security's JWT machinery, each way it can be wrong.
 */
class UserTokensTest {

    private static final String ISSUER = "https://uaa.example.com/oauth/token";

    private final Path dir = tempDir();

    private final DevIssuer issuer = new DevIssuer(ISSUER, dir.resolve("key"));

    @Test
    void aGoodTokenNamesItsUserWithOrWithoutBearer() {
        UserTokens tokens = tokens(List.of());
        String token = uaaToken(issuer, List.of("openid"), Duration.ofMinutes(5), "cloud_controller");

        assertThat(tokens.verify(token).caller()).isEqualTo(new Caller("uid-1", "alice", false));
        assertThat(tokens.verify("bearer " + token).caller().userId()).isEqualTo("uid-1");
        assertThat(tokens.verify("Bearer " + token).token()).isEqualTo(token);
    }

    @Test
    void anAdminScopeMakesAnAdmin() {
        String token = uaaToken(issuer, List.of("cloud_controller.admin"), Duration.ofMinutes(5), "cloud_controller");
        assertThat(tokens(List.of()).verify(token).caller().admin()).isTrue();
    }

    @Test
    void anExpiredTokenIsToldApartFromAnInvalidOne() {
        String expired = uaaToken(issuer, List.of(), Duration.ofMinutes(-5), "cloud_controller");
        assertRefused(tokens(List.of()), expired, RefusalReason.TOKEN_EXPIRED);
        DevIssuer forger = new DevIssuer(ISSUER, dir.resolve("forger"));
        assertRefused(tokens(List.of()), uaaToken(forger, List.of(), Duration.ofMinutes(-5), "cloud_controller"),
                RefusalReason.INVALID_CREDENTIAL);
    }

    @Test
    void anotherIssuerOrAudienceIsRefused() {
        DevIssuer other = new DevIssuer("https://other.example.com", dir.resolve("key"));
        assertRefused(tokens(List.of()), uaaToken(other, List.of(), Duration.ofMinutes(5), "cloud_controller"),
                RefusalReason.INVALID_CREDENTIAL);
        assertRefused(tokens(List.of("cloud_controller")),
                uaaToken(issuer, List.of(), Duration.ofMinutes(5), "routing_api"), RefusalReason.INVALID_CREDENTIAL);
        assertThat(tokens(List.of("cloud_controller"))
            .verify(uaaToken(issuer, List.of(), Duration.ofMinutes(5), "cloud_controller"))).isNotNull();
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : List.of("x.y.z", "bearer ", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
            assertRefused(tokens(List.of()), garbage, RefusalReason.INVALID_CREDENTIAL);
        }
    }

    private UserTokens tokens(List<String> audiences) {
        var beans = new StaticListableBeanFactory(Map.of("devIssuer", issuer));
        return new UserTokens(new UserTokenProperties(null, null, audiences, null, null),
                beans.getBeanProvider(DevIssuer.class),
                new DevIssuerProperties(true, dir.resolve("key"), ISSUER, null, dir.resolve("token")),
                new TokenProperties(Duration.ofSeconds(60)));
    }

    private static String uaaToken(DevIssuer issuer, List<String> scopes, Duration ttl, String audience) {
        var claims = issuer.claims("uid-1", scopes, ttl)
            .claim("user_id", "uid-1")
            .claim("user_name", "alice")
            .audience(audience);
        if (ttl.isNegative()) {
            claims.issueTime(new Date(System.currentTimeMillis() + ttl.toMillis() * 2));
        }
        return issuer.sign(claims.build());
    }

    private static void assertRefused(UserTokens tokens, String token, RefusalReason reason) {
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOfSatisfying(RefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static Path tempDir() {
        return TemporaryDirectories.create("user-tokens");
    }

}
