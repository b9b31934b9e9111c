package io.corral.apicheck;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.routes.RouteEmitterApplication;
import io.corral.sshauth.SshAuthApplication;
import io.corral.sshproxy.SshProxyApplication;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Boots the receptor and, pointed at it, the placement service, the route emitter, the
 * ssh-auth service and the ssh-proxy, each on a database of its own, and writes the
 * OpenAPI document each serves to {@code target/openapi/<service>.json}, where the
 * build's client generator reads them.
 */
final class ServedDocuments {

    static final Path DIRECTORY = Path.of("target", "openapi");

    private ServedDocuments() {
    }

    /** The path of each service's document, by service name. */
    static Map<String, Path> write() {
        try (ServiceUnderTest receptor = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
                ServiceUnderTest placement = ServiceUnderTest.start(PlacementApplication.SERVICE,
                        Map.of("corral.receptor.url", receptor.uri().toString()));
                ServiceUnderTest routes = ServiceUnderTest.start(RouteEmitterApplication.SERVICE,
                        Map.of("corral.receptor.url", receptor.uri().toString()));
                ServiceUnderTest sshAuth = ServiceUnderTest.start(SshAuthApplication.SERVICE,
                        Map.of("corral.receptor.url", receptor.uri().toString()));
                ServiceUnderTest sshProxy = ServiceUnderTest.start(SshProxyApplication.SERVICE,
                        Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.ssh-proxy.port",
                                "0", "corral.ssh-proxy.address", "127.0.0.1", "corral.ssh-proxy.generate-host-key",
                                "true", "corral.ssh-proxy.host-key-file", hostKeyFile().toString(),
                                "corral.ssh-auth.url", sshAuth.uri().toString()))) {
            return Map.of("receptor", save("receptor", receptor.uri()), "placement", save("placement", placement.uri()),
                    "routes", save("routes", routes.uri()), "ssh-auth", save("ssh-auth", sshAuth.uri()), "ssh-proxy",
                    save("ssh-proxy", sshProxy.uri()));
        }
    }

    private static Path hostKeyFile() {
        try {
            return Files.createTempDirectory("corral-ssh-proxy").resolve("host.key");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path save(String service, URI baseUri) {
        RawHttp.Response docs = new RawHttp(baseUri).send("GET", "/v3/api-docs",
                TestTokens.withScopes("receptor.read", "placement.admin", "routes.read"), null);
        docs.expect(200);
        try {
            Files.createDirectories(DIRECTORY);
            return Files.writeString(DIRECTORY.resolve(service + ".json"), docs.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
