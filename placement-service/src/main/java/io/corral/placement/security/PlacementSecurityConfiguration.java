package io.corral.placement.security;

import static io.corral.support.security.CorralSecurity.scope;

import io.corral.support.security.ApiSecurityHandlers;
import io.corral.support.security.CorralSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Every placement endpoint is an operator's: constraints, rollouts, explain and simulate need {@code placement.admin}. */
@Configuration
public class PlacementSecurityConfiguration {

    static final String ADMIN = scope("placement.admin");

    @Bean
    SecurityFilterChain placementSecurity(HttpSecurity http, ApiSecurityHandlers handlers) throws Exception {
        return CorralSecurity.resourceServer(http, handlers)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v1/**").hasAuthority(ADMIN)
                        .anyRequest().authenticated())
                .build();
    }
}
