package io.corral.cli.config;

/**
 * The bearer token the CLI calls with, where it came from, and whether it is the embedded
 * launcher's development token ({@code .corral/dev-token}).
 */
public record Token(String value, String origin, boolean developmentToken) {

    @Override
    public String toString() {
        return "Token[origin=" + origin + "]";
    }

}
