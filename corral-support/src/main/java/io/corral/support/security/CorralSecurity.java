package io.corral.support.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * The settings every Corral service's filter chain shares: stateless bearer-token auth,
 * API-shaped 401/403 answers, open health probes, the service's own {@link ScopeRules},
 * and cross-origin reads when {@link CorsProperties} names origins.
 */
public final class CorralSecurity {

    private CorralSecurity() {
    }

    /**
     * The shared settings with the service's {@code rules}; health probes are open,
     * anything else needs a token.
     */
    public static HttpSecurity resourceServer(HttpSecurity http, ApiSecurityHandlers handlers, ScopeRules rules)
            throws Exception {
        return resourceServer(http, handlers, rules, List.of());
    }

    /**
     * As {@link #resourceServer(HttpSecurity, ApiSecurityHandlers, ScopeRules)}, and
     * anyone may {@code GET} the {@code publicPages}: paths of a page that holds no data
     * and asks its user for a token.
     */
    public static HttpSecurity resourceServer(HttpSecurity http, ApiSecurityHandlers handlers, ScopeRules rules,
            List<String> publicPages) throws Exception {
        CorsProperties cors = http.getSharedObject(ApplicationContext.class)
            .getBeanProvider(CorsProperties.class)
            .getIfAvailable();
        if (cors != null && cors.enabled()) {
            http.cors(c -> c.configurationSource(cors.configurationSource()));
        }
        // A bearer-token API has no session to log out of, no request to replay after a
        // login and no servlet principal to consult: without these, /logout is an unknown
        // path like any other (Spring's default answered it, unauthenticated, with a
        // redirect to a login page that does not exist).
        return http.csrf(csrf -> csrf.disable())
            .logout(logout -> logout.disable())
            .requestCache(cache -> cache.disable())
            .servletApi(servletApi -> servletApi.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .oauth2ResourceServer(rs -> rs.bearerTokenResolver(new BearerHeaderResolver())
                .jwt(Customizer.withDefaults())
                // RFC 9728 metadata: the tokens are bearer tokens, not bound to a client
                // certificate as Spring's default document claims.
                .protectedResourceMetadata(metadata -> metadata
                    .protectedResourceMetadataCustomizer(m -> m.tlsClientCertificateBoundAccessTokens(false)))
                .authenticationEntryPoint(handlers)
                .accessDeniedHandler(handlers))
            .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
            .authorizeHttpRequests(auth -> {
                // The container's error page answers the error of a request already
                // decided.
                auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                auth.requestMatchers(ScopeRules.PUBLIC_PATHS.toArray(String[]::new)).permitAll();
                if (!publicPages.isEmpty()) {
                    auth.requestMatchers(HttpMethod.GET, publicPages.toArray(String[]::new)).permitAll();
                }
                rules.applyTo(auth);
                auth.anyRequest().authenticated();
            });
    }

    public static String scope(String scope) {
        return "SCOPE_" + scope;
    }

}
