package io.corral.sshauth.policy;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who made a change, as the audit names them: a UAA user's name, else the OAuth client,
 * else the subject; control characters removed, cut to the column's size.
 */
final class Actors {

    private static final int MAX_LENGTH = 255;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Actors() {
    }

    static String of(Jwt token) {
        return Stream.of("user_name", "client_id", "sub")
            .map(token::getClaimAsString)
            .filter(Objects::nonNull)
            .map(name -> CONTROL.matcher(name).replaceAll("").strip())
            .filter(name -> !name.isBlank())
            .map(name -> name.codePointCount(0, name.length()) <= MAX_LENGTH ? name
                    : name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH - 3)) + "...")
            .findFirst()
            .orElse("unknown");
    }

}
