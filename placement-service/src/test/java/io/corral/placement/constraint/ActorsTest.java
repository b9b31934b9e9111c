package io.corral.placement.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class ActorsTest {

    @Test
    void aUserIsNamedBeforeItsClientAndTheClientBeforeTheSubject() {
        assertThat(Actors.of(token(Map.of("user_name", "alice", "client_id", "cf", "sub", "u-1")))).isEqualTo("alice");
        assertThat(Actors.of(token(Map.of("client_id", "placement-cli", "sub", "c-1")))).isEqualTo("placement-cli");
        assertThat(Actors.of(token(Map.of("sub", "s-1")))).isEqualTo("s-1");
    }

    @Test
    void namesAreCleanedAndBoundedAndATokenNamingNoOneIsUnknown() {
        assertThat(Actors.of(token(Map.of("user_name", "mal\u0000lo\u001bry\n")))).isEqualTo("mallory");
        assertThat(Actors.of(token(Map.of("user_name", "\u0000 ", "sub", "s-1")))).isEqualTo("s-1");
        assertThat(Actors.of(token(Map.of("user_name", "x".repeat(300))))).hasSize(Actors.MAX_LENGTH).endsWith("...");
        assertThat(Actors.of(token(Map.of("user_name", "\uD83D\uDE00".repeat(300)))))
            .hasSize(2 * (Actors.MAX_LENGTH - 3) + 3)
            .endsWith("\uDE00...");
        assertThat(Actors.of(token(Map.of("iss", "corral")))).isEqualTo(Actors.UNKNOWN);
    }

    private static Jwt token(Map<String, Object> claims) {
        return Jwt.withTokenValue("t").header("alg", "none").claims(all -> all.putAll(claims)).build();
    }

}
