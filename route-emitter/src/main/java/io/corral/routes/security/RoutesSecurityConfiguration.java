package io.corral.routes.security;

import io.corral.support.security.ApiSecurityHandlers;
import io.corral.support.security.CorralSecurity;
import io.corral.support.security.ScopeRule;
import io.corral.support.security.ScopeRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The route table is read by routers holding {@code routes.read}; nothing else is open.
 */
@Configuration
public class RoutesSecurityConfiguration {

    static final String READ = "routes.read";

    @Bean
    ScopeRules routeScopes() {
        return ScopeRules.of(ScopeRule.of(HttpMethod.GET, "/v1/routes", READ),
                ScopeRule.of(HttpMethod.GET, "/v1/routes/events", READ),
                ScopeRule.of(HttpMethod.GET, "/v1/tcp_routes", READ));
    }

    @Bean
    SecurityFilterChain routeSecurity(HttpSecurity http, ApiSecurityHandlers handlers, ScopeRules routeScopes)
            throws Exception {
        return CorralSecurity.resourceServer(http, handlers, routeScopes).build();
    }

}
