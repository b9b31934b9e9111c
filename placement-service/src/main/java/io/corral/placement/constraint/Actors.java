package io.corral.placement.constraint;

import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who made a change, as the audit names them: a UAA user's name, else the OAuth client,
 * else the subject.
 */
final class Actors {

    private Actors() {
    }

    static String of(Jwt token) {
        return Stream.of("user_name", "client_id", "sub")
            .map(token::getClaimAsString)
            .filter(Objects::nonNull)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the token names no user_name, client_id or sub"));
    }

}
