package io.corral.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The error answers every Corral service gives to requests of any shape: the JSON error
 * shape whatever the {@code Accept} header says, 400 for URLs the server refuses, no
 * {@code /error} endpoint, the token time rules. Each service's test runs them on its own
 * endpoints.
 */
public final class HostileRequests {

    /** What a browser, an XML client, an event-stream client or anyone may accept. */
    public static final List<String> ACCEPTS = List.of("text/html", "application/xml", "text/event-stream",
            "text/plain", "*/*", "application/json");

    private final RawHttp http;

    private final String token;

    /** {@code token} opens {@code GET} on the paths the checks are given. */
    public HostileRequests(RawHttp http, String token) {
        this.http = http;
        this.token = token;
    }

    /**
     * {@code GET path} answers {@code status} and {@code name} as JSON for every
     * {@link #ACCEPTS}.
     */
    public void assertJsonErrorForAnyAccept(String path, int status, String name) {
        for (String accept : ACCEPTS) {
            http.sendVerbatim("GET", path, token, Map.of("Accept", accept)).assertError(status, name);
        }
    }

    /**
     * {@code GET path} with {@code accept}, a type the endpoint cannot answer in: 406 as
     * JSON.
     */
    public void assertNotAcceptable(String path, String accept) {
        http.sendVerbatim("GET", path, token, Map.of("Accept", accept)).assertError(406, "NotAcceptable", "only");
    }

    /**
     * Every malformed variant of the readable {@code path} (which has at least two
     * segments) answers 400 InvalidRequest as JSON, with and without the token: never
     * 401, never an HTML page.
     */
    public void assertMalformedUrlsRefused(String path) {
        int cut = path.lastIndexOf('/');
        String parent = path.substring(0, cut);
        String last = path.substring(cut + 1);
        List<String> malformed = List.of(parent + "/%2e%2e/" + last, parent + "/./" + last, parent + "/x/../" + last,
                parent + "//" + last, path + ";x=1", parent + ";jsessionid=1/" + last, path + "%0A",
                path + "%0d%0aX-Injected:%20yes", parent + "/a%2F" + last, parent + "/a%2f" + last,
                parent + "\\" + last, parent + "/a%5C" + last, path + "%00", parent + "/%2E/" + last);
        for (String target : malformed) {
            for (String bearer : new String[] { token, null }) {
                RawHttp.Response response = http.sendVerbatim("GET", target, bearer, Map.of("Accept", "text/html"));
                assertThat(response.status()).as("status of GET %s: %s", target, response.body()).isEqualTo(400);
                response.assertError(400, "InvalidRequest");
            }
        }
    }

    /**
     * {@code /error} is no endpoint: 404 EndpointNotFound for any method and Accept, 401
     * without a token; never 500.
     */
    public void assertNoErrorEndpoint() {
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            for (String accept : ACCEPTS) {
                http.sendVerbatim(method, "/error", token, Map.of("Accept", accept))
                    .assertError(404, "EndpointNotFound");
            }
        }
        http.sendVerbatim("GET", "/error", null, Map.of()).assertError(401, "Unauthorized");
    }

    /**
     * Tokens without {@code exp}, or issued or valid from further ahead than the default
     * 60 s clock skew, are refused on {@code path}, which a {@code receptor.read} token
     * opens; a token issued slightly ahead is taken.
     */
    public void assertTokenTimesChecked(String path) {
        Instant now = Instant.now();
        Map<String, UnaryOperator<JWTClaimsSet.Builder>> refused = Map.of("no exp",
                claims -> claims.expirationTime(null), "iat 10 min ahead",
                claims -> claims.issueTime(Date.from(now.plusSeconds(600))), "nbf 10 min ahead",
                claims -> claims.notBeforeTime(Date.from(now.plusSeconds(600))), "iat and nbf 2 min ahead",
                claims -> claims.issueTime(Date.from(now.plusSeconds(120)))
                    .notBeforeTime(Date.from(now.plusSeconds(120))));
        refused.forEach((why, edit) -> {
            RawHttp.Response response = http.sendVerbatim("GET", path, TestTokens.withClaims(edit), Map.of());
            assertThat(response.status()).as("%s: %s", why, response.body()).isEqualTo(401);
            response.assertError(401, "Unauthorized", "token");
        });
        String slightlyAhead = TestTokens.withClaims(claims -> claims.issueTime(Date.from(now.plusSeconds(20)))
            .notBeforeTime(Date.from(now.plusSeconds(20))));
        assertThat(http.sendVerbatim("GET", path, slightlyAhead, Map.of()).status()).as("issued 20 s ahead")
            .isEqualTo(200);
    }

}
