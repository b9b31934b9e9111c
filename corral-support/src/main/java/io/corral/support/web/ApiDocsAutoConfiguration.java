package io.corral.support.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * The OpenAPI document at {@code /v3/api-docs} names fields as the API does, in snake_case:
 * springdoc resolves schemas with swagger's own mapper, which knows nothing of Spring's.
 */
@AutoConfiguration
@ConditionalOnClass(ModelResolver.class)
public class ApiDocsAutoConfiguration {

    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
