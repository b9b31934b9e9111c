package io.corral.support.web;

import io.corral.receptor.client.ReceptorJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with a request body that is valid JSON but not a valid request:
 * {@code "<field path>: <problem>"} in the API's names
 * ({@code tags[0]: expected a string}, {@code instances: appears more than once});
 * {@code null} for a body that is not JSON at all.
 */
final class JsonInputProblems {

    private static final String BODY = "request body";

    /** Control characters of field names (map keys) are shown escaped. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private JsonInputProblems() {
    }

    static String describe(Throwable cause) {
        String problem = problemOf(cause);
        return problem == null ? null
                : CONTROL.matcher(problem).replaceAll(c -> String.format("\\\\u%04x", (int) c.group().charAt(0)));
    }

    private static String problemOf(Throwable cause) {
        if (cause instanceof StreamConstraintsException limit) {
            return topField(limit) + (limit.getOriginalMessage().contains("nesting depth")
                    ? ": nested deeper than " + ReceptorJson.MAX_NESTING_DEPTH + " levels" : ": exceeds a JSON limit");
        }
        if (cause instanceof StreamReadException duplicate
                && duplicate.getOriginalMessage().startsWith("Duplicate Object property")) {
            // The parser's place names the key itself, which the path a bean adds may
            // not.
            JsonParser parser = duplicate.processor();
            return (parser != null ? readingAt(parser.streamReadContext()) : where(duplicate))
                    + ": appears more than once";
        }
        if (cause instanceof InputCoercionException outOfRange) {
            String type = expected(outOfRange.getTargetType());
            return where(outOfRange) + ": out of range" + (type == null ? "" : " for " + type);
        }
        if (cause instanceof MismatchedInputException mismatch && expected(mismatch.getTargetType()) != null) {
            return where(mismatch) + ": expected " + expected(mismatch.getTargetType());
        }
        if (cause instanceof DatabindException value) {
            return where(value) + ": " + value.getOriginalMessage();
        }
        return null;
    }

    /** The JSON type a Java type is written as, with an article; null when not plain. */
    static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (List
            .of(int.class, long.class, short.class, byte.class, Integer.class, Long.class, Short.class, Byte.class,
                    BigInteger.class)
            .contains(type)) {
            return "an integer";
        }
        if (List.of(double.class, float.class, Double.class, Float.class, BigDecimal.class).contains(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return null;
    }

    private static String where(JacksonException e) {
        if (!e.getPath().isEmpty()) {
            return e.getPath()
                .stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
        }
        // A failure of the parser itself is where the parser is; a value's, with no path,
        // is the whole body.
        return e instanceof StreamReadException read && read.processor() != null
                ? readingAt(read.processor().streamReadContext()) : BODY;
    }

    private static String topField(JacksonException e) {
        String path = where(e);
        int end = path.replaceAll("[.\\[].*", "").length();
        return end == 0 ? BODY : path.substring(0, end);
    }

    /** Where the parser was, for a failure of the parser itself. */
    private static String readingAt(TokenStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                steps.addFirst("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            }
            else if (at.currentName() != null) {
                steps.addFirst("." + at.currentName());
            }
        }
        String path = String.join("", steps).replaceFirst("^\\.", "");
        return path.isEmpty() ? BODY : path;
    }

}
