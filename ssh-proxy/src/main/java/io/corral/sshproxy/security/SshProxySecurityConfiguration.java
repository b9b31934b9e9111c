package io.corral.sshproxy.security;

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
 * Files over HTTPS take a user's token ({@code cloud_controller.read}, which every Cloud
 * Foundry user token holds); whether that user may read that instance is then
 * ssh-auth-service's decision, the same as for an SSH login.
 */
@Configuration
public class SshProxySecurityConfiguration {

    static final String USER = "cloud_controller.read";

    @Bean
    ScopeRules sshProxyScopes() {
        return ScopeRules.of(ScopeRule.of(HttpMethod.GET, "/v1/apps/*/instances/*/files/**", USER));
    }

    @Bean
    SecurityFilterChain sshProxySecurity(HttpSecurity http, ApiSecurityHandlers handlers, ScopeRules sshProxyScopes)
            throws Exception {
        return CorralSecurity.resourceServer(http, handlers, sshProxyScopes).build();
    }

}
