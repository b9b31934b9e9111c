package io.corral.support.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.corral.support.security.ScopeRules;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import javax.sql.DataSource;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document at {@code /v3/api-docs} names fields as the API does, in
 * snake_case: springdoc resolves schemas with swagger's own mapper, which knows nothing
 * of Spring's. And it carries what every service documents the same way
 * ({@link ApiDocsDefaults}): security, errors. Free-form JSON fields ({@link JsonNode}:
 * actions, routes, egress rules) are described as free-form.
 */
@AutoConfiguration
@ConditionalOnClass({ ModelResolver.class, OpenApiCustomizer.class })
public class ApiDocsAutoConfiguration {

    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /**
     * Swagger knows Jackson 2's JsonNode only: Jackson 3's would be described by its
     * getters.
     */
    @Bean
    ModelConverter anyJsonValue() {
        return (type, context, chain) -> {
            if (JsonNode.class.isAssignableFrom(Json.mapper().constructType(type.getType()).getRawClass())) {
                return new JsonSchema().description("Free-form JSON, as docs/api.md describes it");
            }
            return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        };
    }

    @Bean
    OpenApiCustomizer corralApiDocsDefaults(@Value("${spring.application.name:corral}") String serviceName,
            ObjectProvider<ScopeRules> rules, ObjectProvider<DataSource> dataSource) {
        return new ApiDocsDefaults(serviceName, rules.getIfAvailable(ScopeRules::of),
                dataSource.getIfAvailable() != null);
    }

}
