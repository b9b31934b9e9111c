package io.corral.cli;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.routes.RouteEmitterApplication;
import io.corral.sshauth.SshAuthApplication;
import io.corral.sshproxy.SshProxyApplication;
import io.corral.sshproxy.server.HostKeys;
import io.corral.sshproxy.server.ProxyServer;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The control plane the CLI's tests run against, each service booted in-process as it
 * runs alone, on a database of its own: the receptor, placement, the route emitter,
 * ssh-auth-service and the SSH proxy, all pointed at each other, and one cell.
 */
final class ControlPlane implements AutoCloseable {

    static final String CELL = "cell-1";

    static final Duration WITHIN = Duration.ofSeconds(30);

    /** A token of the tests' issuer with every Corral scope, as the launcher's is. */
    static final String EVERY_SCOPE = TestTokens.withScopes("receptor.read", "receptor.write", "cells.write",
            "placement.admin", "ssh.proxy", "routes.read", "ssh.admin");

    final ServiceUnderTest receptorService;

    final ServiceUnderTest placement;

    final ServiceUnderTest routes;

    final ServiceUnderTest sshAuth;

    final ServiceUnderTest sshProxy;

    final ReceptorClient receptor;

    /** The SSH proxy's host key fingerprint, as ssh-auth-service publishes it. */
    final String proxyHostKeyFingerprint;

    ControlPlane() {
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
        String receptorUrl = receptorService.uri().toString();
        placement = ServiceUnderTest.start(PlacementApplication.SERVICE, Map.of("corral.receptor.url", receptorUrl));
        routes = ServiceUnderTest.start(RouteEmitterApplication.SERVICE, Map.of("corral.receptor.url", receptorUrl));
        Path proxyHostKey = TemporaryDirectories.create("corral-cli-proxy").resolve("host.key");
        proxyHostKeyFingerprint = HostKeys.sha256Fingerprint(proxyHostKey, true);
        sshAuth = ServiceUnderTest.start(SshAuthApplication.SERVICE, Map.of("corral.receptor.url", receptorUrl,
                "corral.ssh.info.app-ssh-host-key-fingerprint", proxyHostKeyFingerprint));
        sshProxy = ServiceUnderTest.start(SshProxyApplication.SERVICE,
                Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.ssh-proxy.port", "0",
                        "corral.ssh-proxy.address", "127.0.0.1", "corral.ssh-proxy.host-key-file",
                        proxyHostKey.toString(), "corral.ssh-auth.url", sshAuth.uri().toString()));
        receptor = receptorService.client();
        receptor.heartbeat(CELL, ApiFixtures.cell(CELL, "z1", List.of(), 3600));
    }

    /** The variables that point the CLI at these services. */
    Map<String, String> variables() {
        return Map.of("CORRAL_RECEPTOR_URL", receptorService.uri().toString(), "CORRAL_PLACEMENT_URL",
                placement.uri().toString(), "CORRAL_ROUTES_URL", routes.uri().toString(), "CORRAL_SSH_AUTH_URL",
                sshAuth.uri().toString(), "CORRAL_SSH_ENDPOINT", "127.0.0.1:" + sshPort());
    }

    int sshPort() {
        return sshProxy.bean(ProxyServer.class).port();
    }

    /** Waits for placement to put the instance on the cell. */
    ActualLrp placed(String processGuid, int index) {
        Eventually.await(WITHIN, processGuid + "/" + index + " placed",
                () -> CELL.equals(receptor.actualLrp(processGuid, index).cellId()));
        return receptor.actualLrp(processGuid, index);
    }

    /**
     * What the cell does with a placed instance: claims it and starts it with these
     * ports.
     */
    ActualLrp run(String processGuid, int index, String address, List<PortMapping> ports) {
        ActualLrp placed = placed(processGuid, index);
        ActualLrp claimed = receptor.transition(CELL, processGuid, index, "claim", ApiFixtures.transition(placed));
        return receptor.transition(CELL, processGuid, index, "start",
                new InstanceTransition(claimed.instanceGuid(), claimed.modificationTag(), address, ports, null, null));
    }

    @Override
    public void close() {
        sshProxy.close();
        sshAuth.close();
        routes.close();
        placement.close();
        receptorService.close();
    }

}
