package io.corral.cli.config;

import io.corral.cli.CliEnvironment;
import io.corral.cli.CliFailure;
import io.corral.cli.ExitCodes;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The CLI's settings file: {@code --config}, else {@code $CORRAL_CONFIG}, else
 * {@code ~/.corral/config.properties} when it exists. Java properties; an unknown key is
 * refused, so a misspelt one does not go unnoticed.
 */
record ConfigFile(Path path, Properties values) {

    static final String VARIABLE = "CORRAL_CONFIG";

    static final Set<String> KEYS = keys();

    static ConfigFile load(Path flag, CliEnvironment env) {
        if (flag != null) {
            return read(env.workingDirectory().resolve(flag), "--config");
        }
        String variable = env.variable(VARIABLE);
        if (variable != null) {
            return read(env.workingDirectory().resolve(variable), VARIABLE);
        }
        Path home = env.home().resolve(".corral").resolve("config.properties");
        return Files.isRegularFile(home) ? read(home, null) : new ConfigFile(null, new Properties());
    }

    /** The value of {@code key}, or null. */
    String get(String key) {
        String value = values.getProperty(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    String origin(String key) {
        return key + " in " + path;
    }

    private static ConfigFile read(Path path, String namedBy) {
        if (!Files.isRegularFile(path)) {
            throw new CliFailure(ExitCodes.USAGE, "the config file " + path
                    + (namedBy == null ? "" : " (named by " + namedBy + ")") + " does not exist");
        }
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            values.load(reader);
        }
        catch (IOException | IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot read the config file " + path + ": " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(values.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new CliFailure(ExitCodes.USAGE, path + ": unknown setting " + String.join(", ", unknown)
                    + "; the settings are " + String.join(", ", KEYS));
        }
        return new ConfigFile(path, values);
    }

    private static Set<String> keys() {
        Set<String> keys = Arrays.stream(Service.values())
            .map(Service::configKey)
            .collect(Collectors.toCollection(TreeSet::new));
        keys.addAll(Set.of("ssh.endpoint", "token", "token-file"));
        return keys;
    }

}
