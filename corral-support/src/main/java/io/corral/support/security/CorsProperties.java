package io.corral.support.security;

import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Which web pages of other origins may read this service's API from a browser (CORS): the
 * receptor's console calls placement, the route emitter and ssh-auth-service from the
 * receptor's origin. Off unless origins are named.
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}, as a browser sends them in
 * {@code Origin}) whose pages may send {@code GET} requests under {@code /v1/} with a
 * bearer token ({@code Authorization} and {@code Last-Event-ID} headers); none by
 * default. No wildcard: each origin is named.
 */
@Validated
@ConfigurationProperties("corral.security.cors")
public record CorsProperties(List<@Pattern(regexp = "https?://[A-Za-z0-9.\\-\\[\\]:]+",
        message = "must be an origin, scheme://host[:port], with no path") String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    /**
     * Reads only, and no cookies: a cross-origin page proves who it is by the token it
     * holds, never by the browser's credentials.
     */
    UrlBasedCorsConfigurationSource configurationSource() {
        CorsConfiguration reads = new CorsConfiguration();
        reads.setAllowedOrigins(allowedOrigins);
        reads.setAllowedMethods(List.of("GET", "HEAD"));
        reads.setAllowedHeaders(List.of("Authorization", "Last-Event-ID"));
        reads.setAllowCredentials(false);
        reads.setMaxAge(Duration.ofMinutes(30));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/v1/**", reads);
        return source;
    }

}
