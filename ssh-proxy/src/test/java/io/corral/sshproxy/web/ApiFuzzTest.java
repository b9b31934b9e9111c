package io.corral.sshproxy.web;

import io.corral.sshproxy.SshProxyApplication;
import io.corral.sshproxy.StubSshAuth;
import io.corral.sshproxy.TargetDaemon;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.fuzz.ApiFuzzProperties;
import io.corral.testsupport.fuzz.ApiFuzzer;
import java.io.IOException;
import java.util.Map;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile path segments on every endpoint of the proxy's OpenAPI document (the files
 * endpoint), ssh-auth-service's answers played by {@link StubSshAuth}: never a 5xx,
 * errors in the API's shape. The proxy keeps no state, so there is no table to compare.
 */
class ApiFuzzTest extends ApiFuzzProperties {

    private static TargetDaemon target;

    private static StubSshAuth sshAuth;

    private static ServiceUnderTest proxy;

    private static ApiFuzzer fuzzer;

    @BeforeContainer
    static void start() throws IOException {
        target = TargetDaemon.start();
        sshAuth = StubSshAuth.start(target);
        proxy = ServiceUnderTest.start(SshProxyApplication.SERVICE,
                Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.ssh-auth.url",
                        sshAuth.uri().toString(), "corral.ssh-proxy.port", "0", "corral.ssh-proxy.address", "127.0.0.1",
                        "corral.ssh-proxy.host-key-file",
                        TemporaryDirectories.create("corral-proxy").resolve("host.key").toString(),
                        "corral.ssh-proxy.generate-host-key", "true"));
        fuzzer = new ApiFuzzer(proxy);
    }

    @AfterContainer
    static void stop() {
        proxy.close();
        sshAuth.close();
        target.close();
    }

    @Override
    protected ApiFuzzer fuzzer() {
        return fuzzer;
    }

}
