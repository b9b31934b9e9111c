package io.corral.support.receptor;

import io.corral.receptor.client.ReceptorClient;
import io.corral.support.CorralSupportAutoConfiguration;
import io.corral.support.security.ServiceTokens;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The receptor as a service calls it, with the service's own token: a
 * {@link ReceptorClient} bean once {@code corral.receptor.url} is set. Its package is
 * outside {@code io.corral.receptor}, where the receptor scans for its own settings; it
 * lives here rather than in receptor-client so that receptor-client stays free of Spring.
 */
@AutoConfiguration(after = CorralSupportAutoConfiguration.class)
@ConditionalOnProperty("corral.receptor.url")
@EnableConfigurationProperties(ReceptorProperties.class)
public class ReceptorClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReceptorClient receptorClient(ReceptorProperties receptor, ServiceTokens tokens) {
        return new ReceptorClient(receptor.url(), tokens);
    }

}
