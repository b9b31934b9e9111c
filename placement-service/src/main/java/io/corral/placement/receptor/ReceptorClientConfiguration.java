package io.corral.placement.receptor;

import io.corral.receptor.client.ReceptorClient;
import io.corral.support.security.ServiceTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The receptor as placement calls it, with this service's own token. */
@Configuration
class ReceptorClientConfiguration {

    @Bean
    ReceptorClient receptorClient(ReceptorProperties receptor, ServiceTokens tokens) {
        return new ReceptorClient(receptor.url(), tokens);
    }
}
