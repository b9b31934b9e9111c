package io.corral.testsupport;

import com.nimbusds.jwt.JWTClaimsSet;
import io.corral.support.security.DevIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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
     * A token with {@code scopes} and the extra {@code claims}; a claim whose value is
     * null is left out ({@code sub} and {@code user_name} too), as odd issuers do.
     */
    public static String withClaims(Map<String, ?> claims, String... scopes) {
        JWTClaimsSet.Builder token = ISSUER_KEY.claims("test-user", List.of(scopes), Duration.ofHours(1));
        claims.forEach(token::claim);
        return ISSUER_KEY.sign(token.build());
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

    /**
     * A {@code receptor.read} token whose claims {@code edit} changed: no {@code exp}, an
     * {@code iat} ahead.
     */
    public static String withClaims(UnaryOperator<JWTClaimsSet.Builder> edit) {
        return ISSUER_KEY
            .sign(edit.apply(ISSUER_KEY.claims("test-user", List.of("receptor.read"), Duration.ofHours(1))).build());
    }

    private static Path keyFile() {
        return TemporaryDirectories.create("corral-test-issuer").resolve("dev-issuer.key");
    }

}
