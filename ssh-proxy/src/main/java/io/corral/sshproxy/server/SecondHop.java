package io.corral.sshproxy.server;

import io.corral.receptor.api.HostFingerprint;
import io.corral.sshproxy.auth.Grant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The proxy's connections to instances' SSH daemons: it logs in with the grant's user and
 * private key and accepts the daemon only when its host key has the grant's fingerprint.
 */
@Component
public class SecondHop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SecondHop.class);

    private static final AttributeKey<HostFingerprint> EXPECTED_HOST_KEY = new AttributeKey<>();

    private final SshClient client = SshClient.setUpDefaultClient();

    private final ProxyProperties properties;

    public SecondHop(ProxyProperties properties) {
        this.properties = properties;
        Transport.apply(client);
        client.setServerKeyVerifier((session, remote, key) -> {
            AttributeRepository context = session.getConnectionContext();
            HostFingerprint expected = context == null ? null : context.getAttribute(EXPECTED_HOST_KEY);
            boolean matches = expected != null && expected.matches(HostKeys.blob(key));
            if (!matches) {
                log.warn("the SSH daemon at {} presented a host key ({}) that does not match the route's fingerprint"
                        + " ({})", remote, HostFingerprint.sha256Of(HostKeys.blob(key)), expected);
            }
            return matches;
        });
    }

    /**
     * The only channels an instance may open to the proxy: connections to a user's
     * {@code ssh -R} ports (no agent or X11 channels).
     */
    void acceptForwardedConnections(ChannelFactory forwarded) {
        client.setChannelFactories(List.of(forwarded));
    }

    /**
     * A logged-in session to the grant's instance.
     * @throws SecondHopException when the instance cannot be reached, its host key does
     * not match, or it refuses the key
     */
    public ClientSession connect(Grant grant) {
        HostFingerprint expected;
        KeyPair key;
        try {
            expected = HostFingerprint.parse(grant.hostFingerprint());
            key = keyPair(grant.privateKey());
        }
        catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            throw new SecondHopException("the instance's SSH route is unusable: " + e.getMessage(), e);
        }
        ClientSession session = null;
        try {
            session = client
                .connect(grant.user(), grant.address(), grant.port(),
                        AttributeRepository.ofKeyValuePair(EXPECTED_HOST_KEY, expected), null)
                .verify(properties.connectTimeout())
                .getSession();
            session.addPublicKeyIdentity(key);
            session.auth().verify(properties.connectTimeout());
            return session;
        }
        catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            throw new SecondHopException("the instance's SSH daemon could not be reached or refused the login: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static KeyPair keyPair(String pem) throws IOException, GeneralSecurityException {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no private key");
        }
        Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("diego-ssh route"),
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)), FilePasswordProvider.EMPTY);
        if (keys == null || !keys.iterator().hasNext()) {
            throw new IllegalArgumentException("no private key in the route");
        }
        return keys.iterator().next();
    }

    @Override
    public void start() {
        client.start();
    }

    @Override
    public void stop() {
        client.stop();
    }

    /** Starts before the SSH listener and stops after it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    @Override
    public boolean isRunning() {
        return client.isStarted();
    }

    /** The second hop could not be opened. */
    public static class SecondHopException extends RuntimeException {

        SecondHopException(String message, Throwable cause) {
            super(message, cause);
        }

    }

}
