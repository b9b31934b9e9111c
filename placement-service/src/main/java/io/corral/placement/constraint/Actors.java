package io.corral.placement.constraint;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who made a change, as the audit and rollouts name them: a UAA user's name, else the
 * OAuth client, else the subject, else {@value #UNKNOWN}. The token is the caller's, so
 * the name is made safe to store: control characters (NUL among them) are removed and a
 * name longer than {@value #MAX_LENGTH} characters is cut, ending with {@value #CUT}.
 */
final class Actors {

    /** The {@code rollouts.created_by} column's size. */
    static final int MAX_LENGTH = 255;

    static final String UNKNOWN = "unknown";

    static final String CUT = "...";

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Actors() {
    }

    static String of(Jwt token) {
        return Stream.of("user_name", "client_id", "sub")
            .map(token::getClaimAsString)
            .filter(Objects::nonNull)
            .map(Actors::clean)
            .filter(name -> !name.isBlank())
            .findFirst()
            .orElse(UNKNOWN);
    }

    private static String clean(String name) {
        String printable = CONTROL.matcher(name).replaceAll("").strip();
        if (printable.codePointCount(0, printable.length()) <= MAX_LENGTH) {
            return printable;
        }
        int end = printable.offsetByCodePoints(0, MAX_LENGTH - CUT.length());
        return printable.substring(0, end) + CUT;
    }

}
