package io.corral.placement;

import io.corral.support.security.DevIssuer;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.RawHttp.Response;
import io.corral.testsupport.TestTokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The placement admin API over plain HTTP with one token, as an operator's tool calls it.
 */
public final class AdminHttp {

    private final RawHttp http;

    private final String token;

    public AdminHttp(URI baseUri, String token) {
        this(new RawHttp(baseUri), token);
    }

    private AdminHttp(RawHttp http, String token) {
        this.http = http;
        this.token = token;
    }

    /**
     * A placement.admin token of the user {@code userName}, from the issuer the services
     * under test trust.
     */
    public static String adminTokenOf(String userName) {
        Path key = Path.of(TestTokens.properties().get("corral.security.dev-issuer.key-file"));
        return new DevIssuer(TestTokens.ISSUER, key).mint(userName, List.of("placement.admin"), Duration.ofHours(1));
    }

    /** The same API with another token; null sends none. */
    public AdminHttp as(String otherToken) {
        return new AdminHttp(http, otherToken);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** {@code json} may be null: no body. */
    public Response send(String method, String path, String json) {
        return http.send(method, path, token, json);
    }

}
