package io.corral.receptor.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receptor API's JSON conventions: snake_case names, unknown fields ignored, nulls
 * left out.
 */
public final class ReceptorJson {

    private static final JsonMapper MAPPER = conventions(JsonMapper.builder()).build();

    private ReceptorJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Applies the conventions to {@code builder}: clients and every service's own mapper
     * are built with it.
     */
    public static JsonMapper.Builder conventions(JsonMapper.Builder builder) {
        return builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(
                    incl -> incl.withValueInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL));
    }

}
