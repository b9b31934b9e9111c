package io.corral.sshauth.authorize;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What {@code GET /v1/ssh/info} tells SSH clients, named as Cloud Foundry's
 * {@code /v2/info} names it.
 *
 * @param appSshEndpoint where the proxy listens ({@code ssh.example.com:2222})
 * @param appSshHostKeyFingerprint the proxy's host key fingerprint (it logs it at start)
 * @param appSshOauthClient the OAuth client one-time codes are issued for
 */
@ConfigurationProperties("corral.ssh.info")
public record InfoProperties(String appSshEndpoint, String appSshHostKeyFingerprint, String appSshOauthClient) {
}
