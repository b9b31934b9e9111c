package io.corral.benchmarks;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How every benchmark reads its options: {@code --name=value} arguments, or else
 * {@code -Dbenchmark.name=value} system properties, over the benchmark's defaults. An
 * option whose name holds a dot (for example
 * {@code --spring.datasource.hikari.maximum-pool-size=20}) is a Spring property for the
 * service under test. The benchmark's name may come first ({@code receptor},
 * {@code placement}).
 */
final class BenchmarkArguments {

    private final Map<String, String> values;

    private final Map<String, String> springProperties;

    private BenchmarkArguments(Map<String, String> values, Map<String, String> springProperties) {
        this.values = values;
        this.springProperties = springProperties;
    }

    static BenchmarkArguments parse(String benchmark, Map<String, String> defaults, String[] args,
            Properties systemProperties) {
        Map<String, String> values = new HashMap<>(defaults);
        defaults.keySet().forEach(name -> {
            String value = systemProperties.getProperty("benchmark." + name);
            if (value != null) {
                values.put(name, value);
            }
        });
        Map<String, String> spring = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i == 0 && arg.equals(benchmark)) {
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2, equals);
            String value = arg.substring(equals + 1);
            if (defaults.containsKey(name)) {
                values.put(name, value);
            }
            else if (name.contains(".")) {
                spring.put(name, value);
            }
            else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return new BenchmarkArguments(values, spring);
    }

    String string(String name) {
        return values.get(name);
    }

    /** A whole number; {@code _} and {@code ,} may group its digits. */
    int integer(String name) {
        String value = values.get(name).replace("_", "").replace(",", "");
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a whole number: " + values.get(name));
        }
    }

    long longInteger(String name) {
        String value = values.get(name).replace("_", "").replace(",", "");
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a whole number: " + values.get(name));
        }
    }

    boolean bool(String name) {
        String value = values.get(name);
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + ": not true or false: " + value);
    }

    Map<String, String> springProperties() {
        return springProperties;
    }

    static void requireAtLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + ": must be at least " + minimum + ", was " + value);
        }
    }

}
