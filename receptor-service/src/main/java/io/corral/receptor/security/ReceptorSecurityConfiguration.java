package io.corral.receptor.security;

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
 * Who may call what: cells report through {@code /v1/cells/**} with {@code cells.write};
 * reads need {@code receptor.read}; every other write (Cloud Controller, placement)
 * {@code receptor.write}.
 */
@Configuration
public class ReceptorSecurityConfiguration {

    static final String READ = "receptor.read";
    static final String WRITE = "receptor.write";
    static final String CELLS = "cells.write";

    @Bean
    ScopeRules receptorScopes() {
        return ScopeRules.of(ScopeRule.of(HttpMethod.PUT, "/v1/cells/*", CELLS),
                ScopeRule.anyMethod("/v1/cells/*/**", CELLS), ScopeRule.of(HttpMethod.GET, "/v1/cells", READ, CELLS),
                ScopeRule.of(HttpMethod.GET, "/v1/**", READ), ScopeRule.anyMethod("/v1/**", WRITE));
    }

    @Bean
    SecurityFilterChain receptorSecurity(HttpSecurity http, ApiSecurityHandlers handlers, ScopeRules receptorScopes)
            throws Exception {
        return CorralSecurity.resourceServer(http, handlers, receptorScopes).build();
    }

}
