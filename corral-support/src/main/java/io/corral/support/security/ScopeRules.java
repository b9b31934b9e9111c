package io.corral.support.security;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call what in one service, first matching rule wins. The one source of the
 * scopes: the service's filter chain enforces these rules
 * ({@link CorralSecurity#resourceServer}) and its OpenAPI document shows, for each
 * operation, the scopes the same rules ask of it. A request no rule covers needs a valid
 * token of any scope; health probes need none.
 */
public record ScopeRules(List<ScopeRule> rules) {

    /** What every service answers without a token: the health probes. */
    static final List<String> PUBLIC_PATHS = List.of("/actuator/health", "/actuator/health/**");

    public ScopeRules {
        rules = List.copyOf(rules);
    }

    public static ScopeRules of(ScopeRule... rules) {
        return new ScopeRules(List.of(rules));
    }

    public static boolean isPublic(String path) {
        return PUBLIC_PATHS.stream().anyMatch(pattern -> ScopeRule.matches(pattern, path));
    }

    /**
     * The rule that decides a request with {@code method} on {@code path}, if any does.
     */
    public Optional<ScopeRule> ruleFor(HttpMethod method, String path) {
        return rules.stream().filter(rule -> rule.covers(method, path)).findFirst();
    }

    void applyTo(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        for (ScopeRule rule : rules) {
            var matcher = rule.method() == null ? auth.requestMatchers(rule.pattern())
                    : auth.requestMatchers(rule.method(), rule.pattern());
            matcher.hasAnyAuthority(rule.authorities());
        }
    }
}
