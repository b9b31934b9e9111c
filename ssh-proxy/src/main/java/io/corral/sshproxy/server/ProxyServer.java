package io.corral.sshproxy.server;

import io.corral.sshproxy.auth.SshAuthClient;
import io.corral.support.Threads;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.session.ServerUserAuthServiceFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The SSH listener: password and keyboard-interactive logins decided by ssh-auth-service,
 * session channels, {@code direct-tcpip} and {@code tcpip-forward} relayed to the
 * instance, idle connections closed. Starts after the second hop's client and stops
 * before it.
 */
@Component
public class ProxyServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    private final SshServer server = SshServer.setUpDefaultServer();

    private final ProxyProperties properties;

    private final SessionRegistry registry;

    private final ExecutorService executor = Executors.newCachedThreadPool(Threads.daemon("ssh-proxy-relay"));

    ProxyServer(ProxyProperties properties, SshAuthClient sshAuth, SecondHop secondHop, SessionRegistry registry,
            ProxyMetrics metrics) {
        this.properties = properties;
        this.registry = registry;
        server.setHost(properties.address());
        server.setPort(properties.port());
        server.setKeyPairProvider(HostKeys.load(properties));
        Transport.apply(server);
        server.setPasswordAuthenticator(new ProxyAuthenticator(sshAuth, secondHop, registry, metrics, executor));
        server.setKeyboardInteractiveAuthenticator(new DefaultKeyboardInteractiveAuthenticator());
        server.setPublickeyAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setGSSAuthenticator(null);
        RelayFactories relays = new RelayFactories(executor, metrics, properties.connectTimeout());
        server.setShellFactory(relays);
        server.setCommandFactory(relays);
        server.setSubsystemFactories(List.of(relays));
        server.setChannelFactories(List.of(ProxyChannelSession.FACTORY, new DirectTcpipRelay.Factory(metrics)));
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setGlobalRequestHandlers(RemoteForwarding.globalRequestHandlers(properties.connectTimeout()));
        secondHop.acceptForwardedConnections(new ForwardedTcpipRelay.Factory(metrics));
        server.setServiceFactories(List.of(ServerUserAuthServiceFactory.INSTANCE, ProxyConnectionService.FACTORY));
        CoreModuleProperties.IDLE_TIMEOUT.set(server, properties.idleTimeout());
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionClosed(Session session) {
                ProxySession proxySession = session.getAttribute(ProxySession.KEY);
                if (proxySession != null) {
                    registry.remove(proxySession);
                    proxySession.ended();
                }
            }
        });
    }

    /** The port it listens on (the configured one, or the one chosen for 0). */
    public int port() {
        return server.getPort();
    }

    @Override
    public void start() {
        try {
            server.start();
            for (KeyPair key : server.getKeyPairProvider().loadKeys(null)) {
                log.info("SSH proxy listening on {}:{}, host key {} fingerprints {}", properties.address(),
                        server.getPort(), key.getPublic().getAlgorithm(), HostKeys.fingerprints(key));
            }
        }
        catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the SSH proxy cannot listen on port " + properties.port(), e);
        }
    }

    @Override
    public void stop() {
        try {
            server.stop(false);
        }
        catch (IOException e) {
            log.warn("the SSH proxy did not stop cleanly: {}", e.toString());
        }
        executor.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return server.isStarted();
    }

    /** The live login sessions: an operator's count, for tests. */
    public List<ServerSession> sessions() {
        return server.getActiveSessions().stream().map(ServerSession.class::cast).toList();
    }

}
