package io.corral.receptor.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The receptor API's JSON conventions: snake_case names, unknown fields ignored (so a
 * reader takes answers of a newer version), nulls left out; and strict reading: no value
 * is coerced to another type (a string is not a number, a number not a string or a
 * boolean, a fraction not an integer), a duplicate key is refused, no string holds a NUL,
 * and no document nests deeper than {@link #MAX_NESTING_DEPTH}.
 */
public final class ReceptorJson {

    /**
     * The deepest nesting of arrays and objects a document may have: action trees are a
     * few levels deep, and whatever is accepted can be written back inside an event.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final JsonMapper MAPPER = conventions(
            JsonMapper.builder(factoryConventions(JsonFactory.builder()).build()))
        .build();

    private ReceptorJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Applies the reading limits to {@code builder}: the factory below every mapper built
     * with {@link #conventions}.
     */
    public static JsonFactoryBuilder factoryConventions(JsonFactoryBuilder builder) {
        return builder
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    /**
     * Applies the conventions to {@code builder}: clients and every service's own mapper
     * are built with it.
     */
    public static JsonMapper.Builder conventions(JsonMapper.Builder builder) {
        return builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfigDefaults(
                    config -> config.setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, ReceptorJson::onlyStrings)
            .withCoercionConfig(LogicalType.Integer, ReceptorJson::onlyNumbers)
            .withCoercionConfig(LogicalType.Float, ReceptorJson::onlyNumbers)
            .withCoercionConfig(LogicalType.Boolean, ReceptorJson::onlyBooleans)
            .addModule(new NulFreeStrings());
    }

    private static void onlyStrings(MutableCoercionConfig config) {
        config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    private static void onlyNumbers(MutableCoercionConfig config) {
        config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    private static void onlyBooleans(MutableCoercionConfig config) {
        config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }

}
