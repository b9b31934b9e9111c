package io.corral.support.web;

import io.corral.receptor.client.ReceptorJson;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Every service's JSON follows the conventions its clients read and write it by:
 * {@link ReceptorJson}'s.
 */
@AutoConfiguration
public class ApiJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer apiJsonConventions() {
        return ReceptorJson::conventions;
    }

    @Bean
    JsonFactoryBuilderCustomizer apiJsonLimits() {
        return ReceptorJson::factoryConventions;
    }

}
