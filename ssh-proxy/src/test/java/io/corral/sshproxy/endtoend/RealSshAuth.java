package io.corral.sshproxy.endtoend;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.sshauth.SshAuthApplication;
import io.corral.sshproxy.SshProxyApplication;
import io.corral.sshproxy.TargetDaemon;
import io.corral.sshproxy.server.ProxyServer;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The real thing end to end: a receptor, ssh-auth-service pointed at it, the proxy
 * pointed at ssh-auth-service, and OpenSSH's sshd as the instance's daemon: an app whose
 * {@code diego-ssh} route carries the daemon's host key fingerprint and the key it
 * accepts, instance 0 RUNNING with container port 2222 mapped to the daemon's port.
 */
final class RealSshAuth implements AutoCloseable {

    static final String CELL = "cell-z1-0";

    final TargetDaemon target = TargetDaemon.start();

    final ServiceUnderTest receptorService;

    final ServiceUnderTest sshAuth;

    final ServiceUnderTest proxy;

    final ReceptorClient receptor;

    final RawHttp http;

    RealSshAuth(int failuresPerMinute) {
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
        sshAuth = ServiceUnderTest.start(SshAuthApplication.SERVICE, Map.of("corral.receptor.url",
                receptorService.uri().toString(), "corral.ssh.failures.per-minute", String.valueOf(failuresPerMinute)));
        Map<String, String> proxySettings = new HashMap<>();
        proxySettings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused");
        proxySettings.put("corral.ssh-auth.url", sshAuth.uri().toString());
        proxySettings.put("corral.ssh-proxy.port", "0");
        proxySettings.put("corral.ssh-proxy.address", "127.0.0.1");
        proxySettings.put("corral.ssh-proxy.generate-host-key", "true");
        proxySettings.put("corral.ssh-proxy.host-key-file",
                TemporaryDirectories.create("corral-proxy").resolve("host.key").toString());
        proxy = ServiceUnderTest.start(SshProxyApplication.SERVICE, proxySettings);
        receptor = receptorService.client();
        receptor.heartbeat(CELL, ApiFixtures.cell(CELL, "z1", List.of()));
        http = new RawHttp(sshAuth.uri());
    }

    int sshPort() {
        return proxy.bean(ProxyServer.class).port();
    }

    /** An app version whose instances run behind the test's sshd. */
    void desire(String processGuid, String appGuid, String spaceGuid, int instances) {
        JsonNode ssh = ReceptorJson.mapper()
            .valueToTree(Map.of("container_port", 2222, "user", target.user(), "private_key", target.privateKey(),
                    "host_fingerprint", target.hostFingerprint("MD5")));
        DesiredLrp lrp = ApiFixtures.desiredLrpBuilder(processGuid)
            .appGuid(appGuid)
            .spaceGuid(spaceGuid)
            .instances(instances)
            .routes(Map.of("diego-ssh", ssh))
            .build();
        receptor.desireLrp(lrp);
    }

    /** Runs instance {@code index} at 127.0.0.1 with 2222 mapped to the sshd's port. */
    void run(String processGuid, int index) {
        ActualLrp unclaimed = receptor.actualLrp(processGuid, index);
        ActualLrp assigned = receptor.assign(processGuid, index, new Assignment(unclaimed.instanceGuid(), CELL, null));
        ActualLrp claimed = receptor.transition(CELL, processGuid, index, "claim", ApiFixtures.transition(assigned));
        receptor.transition(CELL, processGuid, index, "start", new InstanceTransition(claimed.instanceGuid(),
                claimed.modificationTag(), "127.0.0.1", List.of(new PortMapping(2222, target.port())), null, null));
    }

    void addDeveloper(String spaceGuid, String userId) {
        http.send("PUT", "/v1/ssh/spaces/" + spaceGuid + "/members/" + userId, TestTokens.withScopes("ssh.admin"),
                "{\"role\": \"developer\"}")
            .expect(200);
    }

    void policy(String path, String json) {
        http.send("PUT", "/v1/ssh/policy/" + path, TestTokens.withScopes("ssh.admin"), json).expect(200);
    }

    /** A one-time code for the holder of {@code userToken}. */
    String code(String userToken) {
        RawHttp.Response answer = http.send("POST", "/v1/ssh/codes", userToken, null);
        answer.expect(201);
        return answer.json().path("code").asString();
    }

    static String userToken(String userId) {
        return TestTokens.withClaims(Map.of("user_id", userId, "user_name", userId + "-name"));
    }

    @Override
    public void close() {
        proxy.close();
        sshAuth.close();
        receptorService.close();
        target.close();
    }

}
