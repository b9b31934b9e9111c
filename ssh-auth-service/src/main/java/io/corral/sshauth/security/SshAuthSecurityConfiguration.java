package io.corral.sshauth.security;

import io.corral.support.security.ApiSecurityHandlers;
import io.corral.support.security.CorralSecurity;
import io.corral.support.security.ScopeRule;
import io.corral.support.security.ScopeRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Proxies hold {@code ssh.proxy}; platform admins {@code ssh.admin}. The endpoints a user
 * calls with their own token (one-time codes, the Cloud Controller's {@code ssh_access})
 * check it against the users' issuer themselves (UserTokens): it may be another issuer
 * than the services', with its own audience.
 */
@Configuration
public class SshAuthSecurityConfiguration {

    static final String PROXY = "ssh.proxy";

    static final String ADMIN = "ssh.admin";

    @Bean
    ScopeRules sshAuthScopes() {
        return ScopeRules.of(ScopeRule.of(HttpMethod.POST, "/v1/ssh/authorize", PROXY),
                ScopeRule.anyMethod("/v1/ssh/grants/**", PROXY), ScopeRule.anyMethod("/v1/ssh/policy/**", ADMIN),
                ScopeRule.anyMethod("/v1/ssh/access/**", ADMIN), ScopeRule.anyMethod("/v1/ssh/spaces/**", ADMIN));
    }

    @Bean
    @Order(1)
    SecurityFilterChain userTokenEndpoints(HttpSecurity http, ApiSecurityHandlers handlers) throws Exception {
        return http.securityMatcher("/v1/ssh/codes", "/internal/**")
            .csrf(csrf -> csrf.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .exceptionHandling(ex -> ex.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain sshAuthSecurity(HttpSecurity http, ApiSecurityHandlers handlers, ScopeRules sshAuthScopes)
            throws Exception {
        return CorralSecurity.resourceServer(http, handlers, sshAuthScopes).build();
    }

}
