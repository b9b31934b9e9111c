package io.corral.cli;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Boots one {@link ControlPlane} for every test class that extends with it, and stops it
 * when the tests end (JUnit closes what its root store holds).
 */
final class WithControlPlane implements BeforeAllCallback {

    private static ControlPlane controlPlane;

    @Override
    public void beforeAll(ExtensionContext context) {
        controlPlane = context.getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .computeIfAbsent(ControlPlane.class, type -> new ControlPlane(), ControlPlane.class);
    }

    static ControlPlane controlPlane() {
        return controlPlane;
    }

    /**
     * The CLI as an operator of this control plane runs it: URLs set, the launcher's
     * token found.
     */
    static CliRunner cli() {
        return CliRunner.inCheckoutWithToken(controlPlane.variables(), ControlPlane.EVERY_SCOPE,
                (command, environment) -> {
                    throw new AssertionError("no process expected: " + command);
                });
    }

}
