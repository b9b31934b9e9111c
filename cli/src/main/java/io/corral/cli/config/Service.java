package io.corral.cli.config;

import java.util.Locale;

/**
 * A Corral service the CLI calls, with where the embedded launcher serves it and how its
 * URL is set: {@code --<key>-url}, {@code CORRAL_<KEY>_URL}, {@code <key>.url} in the
 * config file.
 */
public enum Service {

    RECEPTOR("receptor", "receptor", 8888, "RECEPTOR_PORT"),

    PLACEMENT("placement service", "placement", 8889, "PLACEMENT_PORT"),

    ROUTES("route emitter", "routes", 8890, "ROUTE_EMITTER_PORT"),

    SSH_AUTH("ssh-auth-service", "ssh-auth", 8891, "SSH_AUTH_PORT");

    private final String displayName;

    private final String key;

    private final int launcherPort;

    private final String launcherPortVariable;

    Service(String displayName, String key, int launcherPort, String launcherPortVariable) {
        this.displayName = displayName;
        this.key = key;
        this.launcherPort = launcherPort;
        this.launcherPortVariable = launcherPortVariable;
    }

    public String displayName() {
        return displayName;
    }

    public String flag() {
        return "--" + key + "-url";
    }

    public String variable() {
        return "CORRAL_" + key.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
    }

    public String configKey() {
        return key + ".url";
    }

    /** The port the standalone launcher serves it on by default. */
    public int launcherPort() {
        return launcherPort;
    }

    /**
     * The variable that moves it in the standalone launcher (and so in the CLI's
     * default).
     */
    public String launcherPortVariable() {
        return launcherPortVariable;
    }

}
