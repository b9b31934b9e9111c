package io.corral.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.corral.support.CorralSupportAutoConfiguration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Tokens without {@code exp}, or issued or valid from the future beyond the clock skew,
 * are refused by the decoder of an issuer's JWK set and by the development issuer's.
 */
class TokenTimesTest {

    private static HttpServer jwkSetServer;

    private static DevIssuer issuer;

    @TempDir
    static Path keys;

    @BeforeAll
    static void serveTheJwkSet() throws IOException {
        issuer = new DevIssuer("corral-dev-issuer", keys.resolve("issuer.key"));
        byte[] jwkSet = new JWKSet(new RSAKey.Builder(issuer.publicKey()).keyID("corral-dev").build()).toString()
            .getBytes(StandardCharsets.UTF_8);
        jwkSetServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwkSetServer.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwkSet.length);
            exchange.getResponseBody().write(jwkSet);
            exchange.close();
        });
        jwkSetServer.start();
    }

    @AfterAll
    static void stop() {
        jwkSetServer.stop(0);
    }

    private final WebApplicationContextRunner context = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
                CorralSupportAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class));

    @Test
    void theJwkSetIssuersDecoderChecksTheTimes() {
        context
            .withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:"
                    + jwkSetServer.getAddress().getPort() + "/jwks")
            .run(started -> assertTimesChecked(started.getBean(JwtDecoder.class)));
    }

    @Test
    void theDevelopmentIssuersDecoderChecksTheTimes() {
        context
            .withPropertyValues("corral.security.dev-issuer.enabled=true",
                    "corral.security.dev-issuer.key-file=" + keys.resolve("issuer.key"),
                    "corral.security.dev-issuer.token-file=" + keys.resolve("dev-token"))
            .run(started -> assertTimesChecked(started.getBean(JwtDecoder.class)));
    }

    @Test
    void theClockSkewIsASetting() {
        context.withPropertyValues("corral.security.dev-issuer.enabled=true",
                "corral.security.dev-issuer.key-file=" + keys.resolve("issuer.key"),
                "corral.security.dev-issuer.token-file=" + keys.resolve("dev-token"), "corral.security.clock-skew=5s")
            .run(started -> {
                JwtDecoder decoder = started.getBean(JwtDecoder.class);
                assertRefused(decoder, claims -> claims.issueTime(Date.from(Instant.now().plusSeconds(30))));
                assertThat(decoder.decode(token(claims -> claims)).getSubject()).isEqualTo("someone");
            });
    }

    @Test
    void aClockSkewOverFiveMinutesIsRefusedAtStartup() {
        context.withPropertyValues("corral.security.clock-skew=10m")
            .run(started -> assertThat(started).hasFailed()
                .getFailure()
                .hasStackTraceContaining("corral.security")
                .hasStackTraceContaining("clockSkew"));
    }

    private static void assertTimesChecked(JwtDecoder decoder) {
        Instant now = Instant.now();
        assertRefused(decoder, claims -> claims.expirationTime(null));
        assertRefused(decoder, claims -> claims.issueTime(Date.from(now.plusSeconds(600))));
        assertRefused(decoder, claims -> claims.notBeforeTime(Date.from(now.plusSeconds(600))));
        assertRefused(decoder, claims -> claims.issueTime(Date.from(now.minusSeconds(3600)))
            .expirationTime(Date.from(now.minusSeconds(120))));
        assertThat(decoder.decode(token(claims -> claims.issueTime(Date.from(now.minusSeconds(3600))))).getSubject())
            .as("issued an hour ago, valid for another")
            .isEqualTo("someone");
        assertThat(decoder
            .decode(token(claims -> claims.issueTime(Date.from(now.plusSeconds(20)))
                .notBeforeTime(Date.from(now.plusSeconds(20)))))
            .getSubject()).as("within the skew").isEqualTo("someone");
    }

    private static void assertRefused(JwtDecoder decoder, UnaryOperator<JWTClaimsSet.Builder> edit) {
        assertThatThrownBy(() -> decoder.decode(token(edit))).isInstanceOf(JwtValidationException.class);
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> edit) {
        return issuer.sign(edit.apply(issuer.claims("someone", List.of("receptor.read"), Duration.ofHours(1))).build());
    }

}
