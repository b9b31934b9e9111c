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

    private static Jwt token(Map<String, Object> claims) {
        return Jwt.withTokenValue("t").header("alg", "none").claims(all -> all.putAll(claims)).build();
    }

}
