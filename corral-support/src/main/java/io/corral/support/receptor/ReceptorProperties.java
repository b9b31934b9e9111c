package io.corral.support.receptor;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param url the receptor's base URL, e.g. {@code http://receptor:8888}
 */
@Validated
@ConfigurationProperties("corral.receptor")
public record ReceptorProperties(@NotNull URI url) {
}
