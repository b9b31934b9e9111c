package io.corral.support.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OAuth2's client-credentials grant (RFC 6749 4.4), as UAA answers it. */
public final class ClientCredentialsGrant implements Supplier<ServiceTokens.IssuedToken> {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    private final URI tokenUri;

    private final String basicAuth;

    private final String form;

    public ClientCredentialsGrant(URI tokenUri, String clientId, String clientSecret, List<String> scopes) {
        this.tokenUri = tokenUri;
        this.basicAuth = "Basic " + Base64.getEncoder()
            .encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.form = "grant_type=client_credentials"
                + (scopes.isEmpty() ? "" : "&scope=" + encode(String.join(" ", scopes)));
    }

    @Override
    public ServiceTokens.IssuedToken get() {
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", basicAuth)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "the token endpoint " + tokenUri + " answered " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            long expiresIn = body.path("expires_in").asLong(300);
            return new ServiceTokens.IssuedToken(body.path("access_token").asString(), Duration.ofSeconds(expiresIn));
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot reach the token endpoint " + tokenUri, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
