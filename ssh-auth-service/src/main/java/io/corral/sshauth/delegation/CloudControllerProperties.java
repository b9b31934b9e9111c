package io.corral.sshauth.delegation;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delegation mode, for a real Cloud Foundry: with {@code url} set, the Cloud Controller
 * decides who may log in to which app ({@code GET
 * /internal/apps/{guid}/ssh_access/{index}} with the user's token) instead of this
 * service's policy.
 *
 * @param url the Cloud Controller's internal API
 * ({@code https://cloud-controller-ng.service.cf.internal:9024})
 * @param timeout how long one decision may take
 */
@ConfigurationProperties("corral.ssh.cloud-controller")
public record CloudControllerProperties(URI url, Duration timeout) {

    public CloudControllerProperties {
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }
}
