package io.corral.sshauth.credential;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The UAA that one-time codes are exchanged at, as Cloud Foundry's proxy does
 * ({@code cf ssh-code}): with {@code tokenUri} set, a code this service did not issue is
 * sent to it in an {@code authorization_code} grant by the proxy's OAuth client.
 *
 * @param tokenUri the UAA's token endpoint ({@code https://uaa.example.com/oauth/token})
 * @param clientId the proxy's OAuth client ({@code ssh-proxy})
 * @param clientSecret its secret, through the environment
 * @param redirectUri the {@code redirect_uri} the client is registered with
 * @param timeout how long one exchange may take
 */
@ConfigurationProperties("corral.ssh.uaa")
public record UaaProperties(URI tokenUri, String clientId, String clientSecret, String redirectUri, Duration timeout) {

    public UaaProperties {
        clientId = clientId == null ? "ssh-proxy" : clientId;
        clientSecret = clientSecret == null ? "" : clientSecret;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }

    @Override
    public String toString() {
        return "UaaProperties[tokenUri=" + tokenUri + ", clientId=" + clientId + "]";
    }

}
