package io.corral.placement.security;

import io.corral.support.security.ApiSecurityHandlers;
import io.corral.support.security.CorralSecurity;
import io.corral.support.security.ScopeRule;
import io.corral.support.security.ScopeRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every placement endpoint is an operator's: constraints, rollouts, explain and simulate
 * need {@code placement.admin}.
 */
@Configuration
public class PlacementSecurityConfiguration {

    static final String ADMIN = "placement.admin";

    @Bean
    ScopeRules placementScopes() {
        return ScopeRules.of(ScopeRule.anyMethod("/v1/**", ADMIN));
    }

    @Bean
    SecurityFilterChain placementSecurity(HttpSecurity http, ApiSecurityHandlers handlers, ScopeRules placementScopes)
            throws Exception {
        return CorralSecurity.resourceServer(http, handlers, placementScopes).build();
    }

}
