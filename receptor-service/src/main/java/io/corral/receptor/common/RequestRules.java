package io.corral.receptor.common;

import io.corral.receptor.api.ApiPatterns;
import io.corral.support.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks bean validation cannot express: the shape of actions and the byte size of
 * annotations.
 */
public final class RequestRules {

    private static final Set<String> ACTIONS = Set.of("run", "download", "upload", "timeout", "try", "parallel",
            "serial", "codependent", "emit_progress");

    private RequestRules() {
    }

    /**
     * An action is a JSON object with exactly one key, the action's kind, holding an
     * object.
     */
    public static void requireAction(String field, JsonNode action) {
        if (action == null || action.isNull()) {
            return;
        }
        if (!action.isObject() || action.size() != 1) {
            throw ApiException.invalidRequest(field + ": must be an object with exactly one of " + sorted());
        }
        String kind = action.propertyNames().iterator().next();
        if (!ACTIONS.contains(kind)) {
            throw ApiException.invalidRequest(field + ": unknown action '" + kind + "'; expected one of " + sorted());
        }
        if (!action.get(kind).isObject()) {
            throw ApiException.invalidRequest(field + "." + kind + ": must be an object");
        }
    }

    public static void requireAnnotation(String annotation) {
        if (annotation != null
                && annotation.getBytes(StandardCharsets.UTF_8).length > ApiPatterns.MAX_ANNOTATION_BYTES) {
            throw ApiException
                .invalidRequest("annotation: must be at most " + ApiPatterns.MAX_ANNOTATION_BYTES + " bytes");
        }
    }

    /**
     * A placement decision names a cell or says why none fits, never both; {@code path}
     * is the decision's place in the request ({@code ""}, or e.g.
     * {@code "actual_lrps[3]."}).
     */
    public static void requireCellOrPlacementError(String path, String cellId, String placementError) {
        if ((cellId == null) == (placementError == null)) {
            throw ApiException.invalidRequest(path + "cell_id, " + path + "placement_error: exactly one must be given");
        }
    }

    private static String sorted() {
        return String.join(", ", new java.util.TreeSet<>(ACTIONS));
    }

}
