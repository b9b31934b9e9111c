package io.corral.receptor.security;

import io.corral.support.security.ApiSecurityHandlers;
import io.corral.support.security.CorralSecurity;
import io.corral.support.security.ScopeRule;
import io.corral.support.security.ScopeRules;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what: cells report through {@code /v1/cells/**} with {@code cells.write};
 * reads need {@code receptor.read}; every other write (Cloud Controller, placement)
 * {@code receptor.write}. A cell's token that names its cell acts only as that cell
 * ({@link CellIdentityCheck}). The operator console's files and its list of services are
 * public: they hold no data, and the page asks for a token for every call it makes.
 */
@Configuration
public class ReceptorSecurityConfiguration implements WebMvcConfigurer {

    static final String READ = "receptor.read";
    static final String WRITE = "receptor.write";
    static final String CELLS = "cells.write";

    static final List<String> CONSOLE_PAGES = List.of("/console", "/console/", "/console/index.html",
            "/console/console.js", "/console/console.css", "/console/favicon.svg", "/console/services.json");

    private final CellIdentityProperties cellIdentity;

    ReceptorSecurityConfiguration(CellIdentityProperties cellIdentity) {
        this.cellIdentity = cellIdentity;
    }

    @Bean
    ScopeRules receptorScopes() {
        return ScopeRules.of(ScopeRule.of(HttpMethod.PUT, "/v1/cells/*", CELLS),
                ScopeRule.anyMethod("/v1/cells/*/**", CELLS), ScopeRule.of(HttpMethod.GET, "/v1/cells", READ, CELLS),
                ScopeRule.of(HttpMethod.GET, "/v1/**", READ), ScopeRule.anyMethod("/v1/**", WRITE));
    }

    @Bean
    SecurityFilterChain receptorSecurity(HttpSecurity http, ApiSecurityHandlers handlers, ScopeRules receptorScopes)
            throws Exception {
        return CorralSecurity.resourceServer(http, handlers, receptorScopes, CONSOLE_PAGES).build();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CellIdentityCheck(cellIdentity));
    }

}
