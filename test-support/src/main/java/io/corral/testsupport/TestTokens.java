package io.corral.testsupport;

import io.corral.support.security.DevIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Bearer tokens for tests, signed by one development issuer key per JVM that every
 * service under test is configured to trust.
 */
public final class TestTokens {

    public static final String ISSUER = "corral-test-issuer";

    private static final Path KEY_FILE = keyFile();

    private static final DevIssuer ISSUER_KEY = new DevIssuer(ISSUER, KEY_FILE);

    private TestTokens() {
    }

    /** Makes the service under test trust the tokens this class mints. */
    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * The settings that make a service trust these tokens, for services a test starts
     * itself.
     */
    public static Map<String, String> properties() {
        return Map.of("corral.security.dev-issuer.enabled", "true", "corral.security.dev-issuer.key-file",
                KEY_FILE.toString(), "corral.security.dev-issuer.issuer", ISSUER,
                "corral.security.dev-issuer.token-file", KEY_FILE.resolveSibling("dev-token").toString());
    }

    public static String withScopes(String... scopes) {
        return ISSUER_KEY.mint("test-user", List.of(scopes), Duration.ofHours(1));
    }

    /**
     * A token with {@code scopes} and {@code claims} on top of the usual ones; a null
     * value leaves that claim out (a token without {@code sub} or {@code user_name}).
     */
    public static String withClaims(Map<String, Object> claims, String... scopes) {
        return ISSUER_KEY.mint("test-user", List.of(scopes), Duration.ofHours(1), claims);
    }

    /**
     * Every scope of the receptor API: a Cloud Controller, a cell and placement in one.
     */
    public static String receptorAdmin() {
        return withScopes("receptor.read", "receptor.write", "cells.write");
    }

    public static String expired() {
        return ISSUER_KEY.mint("test-user", List.of("receptor.read"), Duration.ofSeconds(-120));
    }

    private static Path keyFile() {
        try {
            Path dir = Files.createTempDirectory("corral-test-issuer");
            dir.toFile().deleteOnExit();
            return dir.resolve("dev-issuer.key");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
