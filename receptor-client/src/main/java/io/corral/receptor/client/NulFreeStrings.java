package io.corral.receptor.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses the NUL character (U+0000) in every string read: values, object keys, and the
 * strings and names of free-form trees ({@code action}). PostgreSQL cannot store it, so a
 * NUL accepted here would fail later, in a write; refused here, the caller learns which
 * field holds it.
 */
final class NulFreeStrings extends SimpleModule {

    static final String MESSAGE = "must not contain the NUL character (\\u0000)";

    NulFreeStrings() {
        super("corral-nul-free-strings");
        addDeserializer(String.class, new Text());
        addKeyDeserializer(String.class, new Key());
        addDeserializer(JsonNode.class, new Tree());
    }

    private static MismatchedInputException refused(JsonParser parser) {
        return MismatchedInputException.from(parser, (Class<?>) null, MESSAGE);
    }

    private static boolean hasNul(String text) {
        return text.indexOf('\0') >= 0;
    }

    private static final class Text extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            String text = super.deserialize(p, ctxt);
            if (text != null && hasNul(text)) {
                throw refused(p);
            }
            return text;
        }

    }

    private static final class Key extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws JacksonException {
            if (hasNul(key)) {
                throw refused(ctxt.getParser());
            }
            return key;
        }

    }

    /**
     * A tree as Jackson reads it, then searched for a NUL, which is named by its path.
     */
    private static final class Tree extends StdDeserializer<JsonNode> {

        @SuppressWarnings("unchecked")
        private static final ValueDeserializer<JsonNode> TREES = (ValueDeserializer<JsonNode>) JsonNodeDeserializer
            .getDeserializer(JsonNode.class);

        Tree() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            JsonNode tree = TREES.deserialize(p, ctxt);
            Deque<Object> path = new ArrayDeque<>();
            if (findNul(tree, path)) {
                MismatchedInputException refused = refused(p);
                path.descendingIterator().forEachRemaining(step -> {
                    if (step instanceof Integer index) {
                        refused.prependPath(tree, index);
                    }
                    else {
                        refused.prependPath(tree, (String) step);
                    }
                });
                throw refused;
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return (JsonNode) TREES.getNullValue(ctxt);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return TREES.getAbsentValue(ctxt);
        }

        /** True when {@code node} holds a NUL; {@code path} then leads to it. */
        private static boolean findNul(JsonNode node, Deque<Object> path) {
            if (node.isString()) {
                return hasNul(node.asString());
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.addLast(i);
                    if (findNul(node.get(i), path)) {
                        return true;
                    }
                    path.removeLast();
                }
            }
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                path.addLast(property.getKey());
                if (hasNul(property.getKey()) || findNul(property.getValue(), path)) {
                    return true;
                }
                path.removeLast();
            }
            return false;
        }

    }

}
