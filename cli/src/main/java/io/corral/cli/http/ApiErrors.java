package io.corral.cli.http;

import io.corral.cli.CliFailure;
import io.corral.cli.ExitCodes;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one mapping of what went wrong with a call to an exit code and a message saying
 * what to do: 401 and 403 to {@link ExitCodes#AUTH}, a missing record to
 * {@link ExitCodes#NOT_FOUND}, no answer or an answer that is not the service's to
 * {@link ExitCodes#UNREACHABLE}, 5xx to {@link ExitCodes#SERVER_ERROR}, any other refusal
 * to {@link ExitCodes#USAGE}.
 */
public final class ApiErrors {

    static final String LAUNCHER = "./mvnw -q package -DskipTests && java -jar corral-standalone/target/corral.jar";

    private ApiErrors() {
    }

    /**
     * The service answered {@code status}; {@code name} is the API error's name, null
     * when the body was not a Corral error.
     */
    public static CliFailure refused(ApiCall call, int status, String name, String message, Instant now) {
        if (status == 401) {
            return unauthorized(call, message, now);
        }
        if (status == 403) {
            return forbidden(call, name, message);
        }
        if (name == null || "EndpointNotFound".equals(name) || "MethodNotAllowed".equals(name)) {
            return notTheService(call, "with " + status + (name == null ? "" : " " + name));
        }
        String answer = message + " (" + status + " " + name + ")";
        if (status == 404) {
            return new CliFailure(ExitCodes.NOT_FOUND, answer);
        }
        if (status >= 500) {
            return new CliFailure(ExitCodes.SERVER_ERROR, "the " + call.service() + " at " + call.url().uri()
                    + " failed " + call.request() + ": " + answer + "\n"
                    + (status == 503 ? "It cannot answer now; try again shortly." : "Its log has the details."));
        }
        return new CliFailure(ExitCodes.USAGE, "the " + call.service() + " refused " + call.request() + ": " + answer);
    }

    /** The call got no HTTP answer. */
    public static CliFailure unreachable(ApiCall call, Throwable cause) {
        return new CliFailure(ExitCodes.UNREACHABLE,
                "cannot reach the " + call.service() + " at " + call.url().uri() + " (" + why(cause) + ")\n"
                        + "The URL comes from " + call.url().origin() + "; set another with " + call.url().howToSet()
                        + ".\nIs the control plane running? To run it here: " + LAUNCHER);
    }

    /** What answered is not the service the URL should name. */
    public static CliFailure notTheService(ApiCall call, String answer) {
        return new CliFailure(ExitCodes.UNREACHABLE,
                call.url().uri() + " answered " + call.request() + " " + answer + ": it does not look like the "
                        + call.service() + ".\nThe URL comes from " + call.url().origin() + "; set the "
                        + call.service() + "'s with " + call.url().howToSet() + ".");
    }

    private static CliFailure unauthorized(ApiCall call, String message, Instant now) {
        Optional<TokenClaims> claims = TokenClaims.of(call.token().value());
        String token = "The token (from " + call.token().origin() + ")";
        String why;
        if (claims.isEmpty()) {
            why = token + " is not a JWT.";
        }
        else if (claims.get().expiredAt(now)) {
            why = token + " expired at " + claims.get().expiresAt().truncatedTo(ChronoUnit.SECONDS) + ". " + (call
                .token()
                .developmentToken()
                        ? "Get a fresh one: the embedded launcher writes a new development token to .corral/dev-token"
                                + " every time it starts (restart it)."
                        : "Get a new one from the token issuer (UAA: cf oauth-token) and pass it with --token or"
                                + " CORRAL_TOKEN.");
        }
        else {
            why = token + " has not expired, so the " + call.service() + " does not trust its issuer: is "
                    + call.url().uri() + " (from " + call.url().origin() + ") the platform the token is for?";
        }
        return new CliFailure(ExitCodes.AUTH, "the " + call.service() + " at " + call.url().uri()
                + " refused the token: " + message + " (401 Unauthorized)\n" + why);
    }

    private static CliFailure forbidden(ApiCall call, String name, String message) {
        String text = "the " + call.service() + " refused " + call.request() + ": " + message + " (403 " + name + ")";
        if (call.scope() == null || !"Forbidden".equals(name)) {
            return new CliFailure(ExitCodes.AUTH, text);
        }
        String has = TokenClaims.of(call.token().value())
            .map(claims -> claims.scopes().isEmpty() ? "none" : String.join(" ", claims.scopes()))
            .orElse("none that can be read");
        return new CliFailure(ExitCodes.AUTH,
                text + "\nThis needs the scope " + call.scope() + "; the token (from " + call.token().origin()
                        + ") has: " + has + ".\nUse a token that holds " + call.scope()
                        + " (the embedded launcher's development token holds every scope).");
    }

    private static String why(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "the connection timed out";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer in time";
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

}
