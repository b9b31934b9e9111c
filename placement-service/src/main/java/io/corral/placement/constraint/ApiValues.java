package io.corral.placement.constraint;

import io.corral.receptor.api.ApiPatterns;
import io.corral.support.web.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Path and query values of the constraint API: checked, or refused with 400
 * InvalidRequest naming them.
 */
final class ApiValues {

    private ApiValues() {
    }

    /** An enum constant as the API spells it: {@code RUNNING} is {@code running}. */
    static String apiName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants)
            .filter(constant -> apiName(constant).equals(value))
            .findFirst()
            .orElseThrow(() -> ApiException.invalidRequest(field + ": must be one of "
                    + Arrays.stream(constants).map(ApiValues::apiName).collect(Collectors.joining(", ")) + ", not '"
                    + value + "'"));
    }

    static Lifecycle lifecycle(String value) {
        return oneOf("lifecycle", value, Lifecycle.class);
    }

    static String spaceGuid(String value) {
        if (!ApiPatterns.isGuid(value)) {
            throw ApiException.invalidRequest("space_guid: " + ApiPatterns.GUID_RULE);
        }
        return value;
    }

    static ConstraintScope space(String spaceGuid, String lifecycle) {
        return ConstraintScope.space(spaceGuid(spaceGuid), lifecycle(lifecycle));
    }

    static ConstraintScope defaultOf(String lifecycle) {
        return ConstraintScope.defaultOf(lifecycle(lifecycle));
    }

}
