package io.corral.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-origin reads are off by default, and each allowed origin is named exactly. */
class CorsPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void offUnlessOriginsAreNamed() {
        assertThat(new CorsProperties(null).enabled()).isFalse();
        assertThat(new CorsProperties(List.of()).enabled()).isFalse();
        assertThat(new CorsProperties(List.of("http://localhost:8888")).enabled()).isTrue();
    }

    @Test
    void originsAreSchemeHostAndPortOnly() {
        assertThat(validator.validate(new CorsProperties(List.of("http://localhost:8888", "https://ops.example.com",
                "http://127.0.0.1:8888", "http://[::1]:8888"))))
            .isEmpty();
        for (String notAnOrigin : List.of("*", "http://*.example.com", "localhost:8888", "http://ops.example.com/",
                "http://ops.example.com/console", "ftp://ops.example.com", "http://user@ops.example.com")) {
            assertThat(validator.validate(new CorsProperties(List.of(notAnOrigin)))).as(notAnOrigin)
                .singleElement()
                .satisfies(problem -> assertThat(problem.getMessage()).contains("must be an origin"));
        }
    }

}
