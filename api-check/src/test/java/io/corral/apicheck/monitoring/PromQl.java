package io.corral.apicheck.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The series selectors of a PromQL expression: each metric name it reads and the label
 * matchers that go with it. A small tokenizer, not a parser: it skips strings, durations,
 * numbers, Grafana variables, function and aggregation names, keywords and the label
 * lists of {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left}
 * and {@code group_right}; every other identifier is a metric name.
 */
final class PromQl {

    record Matcher(String label, String operator, String value) {
    }

    record Selector(String metric, List<Matcher> matchers) {

        Optional<Matcher> matcher(String label) {
            return matchers.stream().filter(m -> m.label().equals(label)).findFirst();
        }

    }

    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "atan2", "sum", "min",
            "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk",
            "limit_ratio", "inf", "nan");

    private final String expr;

    private int at;

    private PromQl(String expr) {
        this.expr = expr;
    }

    /** Every selector of {@code expr}, in order. */
    static List<Selector> selectors(String expr) {
        return new PromQl(expr).scan();
    }

    private List<Selector> scan() {
        List<Selector> selectors = new ArrayList<>();
        while (at < expr.length()) {
            char c = expr.charAt(at);
            if (c == '"' || c == '\'' || c == '`') {
                string();
            }
            else if (c == '[') {
                skipPast(']');
            }
            else if (c == '$') {
                variable();
            }
            else if (c == '{') {
                List<Matcher> matchers = matchers();
                matchers.stream()
                    .filter(m -> m.label().equals("__name__") && m.operator().equals("="))
                    .findFirst()
                    .ifPresent(name -> selectors.add(new Selector(name.value(), matchers)));
            }
            else if (Character.isDigit(c)
                    || (c == '.' && at + 1 < expr.length() && Character.isDigit(expr.charAt(at + 1)))) {
                while (at < expr.length() && (Character.isLetterOrDigit(expr.charAt(at)) || expr.charAt(at) == '.')) {
                    at++;
                }
            }
            else if (identifierStart(c)) {
                identifier(selectors);
            }
            else {
                at++;
            }
        }
        return selectors;
    }

    private void identifier(List<Selector> selectors) {
        String name = name();
        char next = nextNonSpace();
        if (LABEL_LISTS.contains(name)) {
            if (next == '(') {
                skipPast(')');
            }
        }
        else if (next != '(' && !KEYWORDS.contains(name.toLowerCase())) {
            selectors.add(new Selector(name, next == '{' ? matchers() : List.of()));
        }
    }

    /** The matchers of a {@code {...}} starting at the next non-blank character. */
    private List<Matcher> matchers() {
        List<Matcher> matchers = new ArrayList<>();
        at = expr.indexOf('{', at) + 1;
        while (nextNonSpace() != '}') {
            if (nextNonSpace() == ',') {
                at++;
                continue;
            }
            String label = name();
            nextNonSpace();
            String operator = expr.startsWith("=~", at) || expr.startsWith("!~", at) || expr.startsWith("!=", at)
                    ? expr.substring(at, at + 2) : expr.substring(at, at + 1);
            at += operator.length();
            nextNonSpace();
            matchers.add(new Matcher(label, operator, string()));
        }
        at++;
        return matchers;
    }

    /** The string literal at the current position, unescaped. */
    private String string() {
        char quote = expr.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (expr.charAt(at) != quote) {
            char c = expr.charAt(at++);
            value.append(c == '\\' && quote != '`' ? expr.charAt(at++) : c);
        }
        at++;
        return value.toString();
    }

    /** A Grafana variable: {@code $name} or {@code ${name}}. */
    private void variable() {
        at++;
        if (at < expr.length() && expr.charAt(at) == '{') {
            skipPast('}');
        }
        else {
            name();
        }
    }

    private String name() {
        int start = at;
        while (at < expr.length() && (identifierStart(expr.charAt(at)) || Character.isDigit(expr.charAt(at)))) {
            at++;
        }
        if (start == at) {
            throw new IllegalArgumentException("expected a name at " + at + " of: " + expr);
        }
        return expr.substring(start, at);
    }

    /** The next character that is not blank, without consuming it; 0 at the end. */
    private char nextNonSpace() {
        while (at < expr.length() && Character.isWhitespace(expr.charAt(at))) {
            at++;
        }
        return at < expr.length() ? expr.charAt(at) : 0;
    }

    private void skipPast(char end) {
        int found = expr.indexOf(end, at);
        if (found < 0) {
            throw new IllegalArgumentException("no closing " + end + " after " + at + " of: " + expr);
        }
        at = found + 1;
    }

    private static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

}
