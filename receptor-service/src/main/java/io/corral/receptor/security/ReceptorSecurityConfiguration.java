package io.corral.receptor.security;

import static io.corral.support.security.CorralSecurity.scope;

import io.corral.support.security.ApiSecurityHandlers;
import io.corral.support.security.CorralSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what: cells report through {@code /v1/cells/**} with {@code cells.write}; reads
 * need {@code receptor.read}; every other write (Cloud Controller, placement) {@code receptor.write}.
 */
@Configuration
public class ReceptorSecurityConfiguration {

    static final String READ = scope("receptor.read");
    static final String WRITE = scope("receptor.write");
    static final String CELLS = scope("cells.write");

    @Bean
    SecurityFilterChain receptorSecurity(HttpSecurity http, ApiSecurityHandlers handlers) throws Exception {
        return CorralSecurity.resourceServer(http, handlers)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.PUT, "/v1/cells/*").hasAuthority(CELLS)
                        .requestMatchers("/v1/cells/*/**").hasAuthority(CELLS)
                        .requestMatchers(HttpMethod.GET, "/v1/cells").hasAnyAuthority(READ, CELLS)
                        .requestMatchers(HttpMethod.GET, "/v1/**").hasAuthority(READ)
                        .requestMatchers("/v1/**").hasAuthority(WRITE)
                        .anyRequest().authenticated())
                .build();
    }
}
