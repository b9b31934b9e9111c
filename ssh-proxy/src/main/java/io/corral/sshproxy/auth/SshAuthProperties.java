package io.corral.sshproxy.auth;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where ssh-auth-service is and how long the proxy waits for it.
 *
 * @param url its base URL ({@code corral.ssh-auth.url})
 * @param timeout how long one call may take (connecting included)
 */
@Validated
@ConfigurationProperties("corral.ssh-auth")
public record SshAuthProperties(@NotNull URI url, Duration timeout) {

    public SshAuthProperties {
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }

}
