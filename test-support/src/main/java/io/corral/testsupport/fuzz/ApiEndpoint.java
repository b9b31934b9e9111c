package io.corral.testsupport.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One operation of a service's OpenAPI document: its path template, the schema of each
 * path parameter, and its JSON body schema (null when it takes none) with every field
 * name the body may hold.
 *
 * @param schemas the document's {@code components.schemas}, to resolve {@code $ref}s
 */
public record ApiEndpoint(String method, String template, Map<String, JsonNode> pathParameters, JsonNode body,
        Set<String> fieldNames, JsonNode schemas, JsonNode plausibleAny) {

    /**
     * Every operation of {@code apiDocs} a client can call and get an answer of: event
     * streams, which never end, are left out. {@code plausibleAny} stands for a valid
     * value of a field the document gives no type (a receptor action).
     */
    public static List<ApiEndpoint> from(JsonNode apiDocs, JsonNode plausibleAny) {
        JsonNode schemas = apiDocs.path("components").path("schemas");
        List<ApiEndpoint> endpoints = new ArrayList<>();
        for (var path : apiDocs.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                if (!streams(operation.getValue())) {
                    endpoints.add(of(operation.getKey().toUpperCase(), path.getKey(), operation.getValue(), schemas,
                            plausibleAny));
                }
            }
        }
        return endpoints;
    }

    private static ApiEndpoint of(String method, String template, JsonNode operation, JsonNode schemas,
            JsonNode plausibleAny) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asString().equals("path")) {
                parameters.put(parameter.path("name").asString(), parameter.path("schema"));
            }
        }
        JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
        Set<String> fields = new TreeSet<>();
        collectFields(body, schemas, fields, new TreeSet<>());
        return new ApiEndpoint(method, template, parameters, body.isMissingNode() ? null : body, fields, schemas,
                plausibleAny);
    }

    JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static void collectFields(JsonNode schema, JsonNode schemas, Set<String> fields, Set<String> seen) {
        if (!schema.isObject()) {
            return;
        }
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty()) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (seen.add(name)) {
                collectFields(schemas.path(name), schemas, fields, seen);
            }
            return;
        }
        for (var property : schema.path("properties").properties()) {
            fields.add(property.getKey());
            collectFields(property.getValue(), schemas, fields, seen);
        }
        collectFields(schema.path("items"), schemas, fields, seen);
        if (schema.path("additionalProperties").isObject()) {
            collectFields(schema.path("additionalProperties"), schemas, fields, seen);
        }
    }

    private static boolean streams(JsonNode operation) {
        for (JsonNode response : operation.path("responses")) {
            if (response.path("content").has("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return method + " " + template;
    }

}
