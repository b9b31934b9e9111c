package io.corral.apicheck;

import io.corral.cell.CellAgentApplication;
import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.routes.RouteEmitterApplication;
import io.corral.sshauth.SshAuthApplication;
import io.corral.sshproxy.SshProxyApplication;
import io.corral.support.service.CorralService;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TemporaryDirectories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receptor and, pointed at it, the placement service, the route emitter, the ssh-auth
 * service, the ssh-proxy (pointed at ssh-auth) and a cell agent (simulated containers),
 * each booted in-process on a database of its own where it keeps one, by service name.
 */
public final class EveryService implements AutoCloseable {

    private final List<ServiceUnderTest> started = new ArrayList<>();

    private final Map<String, ServiceUnderTest> byName = new LinkedHashMap<>();

    private EveryService() {
    }

    /** Boots every service; {@code routeEmitterSettings} go to the route emitter. */
    public static EveryService start(Map<String, String> routeEmitterSettings) {
        EveryService services = new EveryService();
        try {
            ServiceUnderTest receptor = services.start("receptor", ReceptorApplication.SERVICE,
                    Map.of("corral.convergence.interval", "1h"));
            String receptorUrl = receptor.uri().toString();
            services.start("placement", PlacementApplication.SERVICE, Map.of("corral.receptor.url", receptorUrl));
            Map<String, String> routes = new HashMap<>(routeEmitterSettings);
            routes.put("corral.receptor.url", receptorUrl);
            services.start("routes", RouteEmitterApplication.SERVICE, routes);
            ServiceUnderTest sshAuth = services.start("ssh-auth", SshAuthApplication.SERVICE,
                    Map.of("corral.receptor.url", receptorUrl));
            services.start("ssh-proxy", SshProxyApplication.SERVICE,
                    Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.ssh-proxy.port", "0",
                            "corral.ssh-proxy.address", "127.0.0.1", "corral.ssh-proxy.generate-host-key", "true",
                            "corral.ssh-proxy.host-key-file", hostKeyFile().toString(), "corral.ssh-auth.url",
                            sshAuth.uri().toString()));
            services.start("cell-agent", CellAgentApplication.SERVICE,
                    Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/unused", "corral.receptor.url",
                            receptorUrl, "corral.cell.id", "api-check-cell", "corral.cell.backend", "simulated",
                            "corral.cell.work-directory", workDirectory().toString()));
            return services;
        }
        catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /**
     * The services by name: receptor, placement, routes, ssh-auth, ssh-proxy, cell-agent.
     */
    public Map<String, ServiceUnderTest> byName() {
        return byName;
    }

    public ServiceUnderTest get(String name) {
        return byName.get(name);
    }

    /** Stops them in reverse order of starting. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private ServiceUnderTest start(String name, CorralService service, Map<String, String> settings) {
        ServiceUnderTest running = ServiceUnderTest.start(service, settings);
        started.add(running);
        byName.put(name, running);
        return running;
    }

    private static Path hostKeyFile() {
        return TemporaryDirectories.create("corral-ssh-proxy").resolve("host.key");
    }

    private static Path workDirectory() {
        return TemporaryDirectories.create("corral-cell-agent");
    }

}
