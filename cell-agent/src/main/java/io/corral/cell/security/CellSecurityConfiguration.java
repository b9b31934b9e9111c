package io.corral.cell.security;

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
 * What a cell holds and its containers' output are read by operators holding
 * {@code cells.read}; nothing else is open.
 */
@Configuration
public class CellSecurityConfiguration {

    static final String READ = "cells.read";

    @Bean
    ScopeRules cellScopes() {
        return ScopeRules.of(ScopeRule.of(HttpMethod.GET, "/v1/containers", READ),
                ScopeRule.of(HttpMethod.GET, "/v1/containers/*/logs", READ));
    }

    @Bean
    SecurityFilterChain cellSecurity(HttpSecurity http, ApiSecurityHandlers handlers, ScopeRules cellScopes)
            throws Exception {
        return CorralSecurity.resourceServer(http, handlers, cellScopes).build();
    }

}
