package io.corral.cli.http;

import io.corral.receptor.client.ReceptorJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a JWT says about itself (its expiry and scopes), read without checking its
 * signature: only to tell the operator why a service refused it.
 */
record TokenClaims(Instant expiresAt, List<String> scopes) {

    static Optional<TokenClaims> of(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = ReceptorJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            Instant expiresAt = claims.path("exp").isNumber() ? Instant.ofEpochSecond(claims.path("exp").asLong())
                    : null;
            return Optional.of(new TokenClaims(expiresAt, scopes(claims.path("scope"))));
        }
        catch (RuntimeException notJwt) {
            return Optional.empty();
        }
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    private static List<String> scopes(JsonNode scope) {
        List<String> scopes = new ArrayList<>();
        if (scope.isString()) {
            scopes.addAll(List.of(scope.asString().trim().split("\\s+")));
        }
        else if (scope.isArray()) {
            for (int i = 0; i < scope.size(); i++) {
                scopes.add(scope.get(i).asString());
            }
        }
        scopes.removeIf(String::isEmpty);
        return scopes;
    }

}
