package io.corral.support.web;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 * RequestTooLarge
 */
@Validated
@ConfigurationProperties("corral.web")
public record WebProperties(@Positive Long maxRequestBytes) {

    public WebProperties {
        maxRequestBytes = maxRequestBytes == null ? 1024 * 1024L : maxRequestBytes;
    }
}
