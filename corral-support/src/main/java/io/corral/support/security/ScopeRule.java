package io.corral.support.security;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Requests with {@code method} (any method when null) on a path matching {@code pattern}
 * need a token holding any one of {@code scopes}.
 */
public record ScopeRule(HttpMethod method, String pattern, List<String> scopes) {

    public ScopeRule {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a scope rule names at least one scope: " + pattern);
        }
        scopes = List.copyOf(scopes);
    }

    public static ScopeRule of(HttpMethod method, String pattern, String... scopes) {
        return new ScopeRule(method, pattern, List.of(scopes));
    }

    public static ScopeRule anyMethod(String pattern, String... scopes) {
        return new ScopeRule(null, pattern, List.of(scopes));
    }

    /**
     * Whether the rule covers {@code path}, a concrete path or a template whose variables
     * fill whole segments.
     */
    boolean covers(HttpMethod requestMethod, String path) {
        return (method == null || method.equals(requestMethod)) && matches(pattern, path);
    }

    static boolean matches(String pattern, String path) {
        return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
    }

    String[] authorities() {
        return scopes.stream().map(CorralSecurity::scope).toArray(String[]::new);
    }
}
