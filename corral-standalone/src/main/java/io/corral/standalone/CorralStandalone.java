package io.corral.standalone;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.cell.CellAgentApplication;
import io.corral.routes.RouteEmitterApplication;
import io.corral.sshauth.SshAuthApplication;
import io.corral.sshproxy.SshProxyApplication;
import io.corral.sshproxy.server.HostKeys;
import io.corral.support.db.PostgresServer;
import io.corral.support.service.CorralService;
import io.corral.support.service.InProcessService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole platform in one process: the control plane and a cell agent running its
 * instances as processes of this machine (work in {@code .corral/cell-agent}), PostgreSQL
 * embedded (data kept in {@code .corral/postgres}) with a database per service that keeps
 * one, each service on its default port unless {@code <NAME>_PORT} says otherwise (the
 * receptor on 8888, {@code RECEPTOR_PORT}; placement on 8889, {@code PLACEMENT_PORT}),
 * trusting a development token issuer. Each service reads its own settings file, as it
 * would alone, and finds every other one at {@code corral.<name>.url}; arguments
 * ({@code --name=value}) go to every service. It answers on 127.0.0.1 only unless
 * {@code SERVER_ADDRESS} (or {@code --server.address}) says otherwise. The receptor's
 * operator console ({@code /console/}) reaches the other services from the browser: they
 * allow the receptor's origin, and the console knows where they are. On SIGTERM the
 * services stop one by one in reverse order, each answering new requests 503 and
 * finishing those in flight, and PostgreSQL stops last. The SSH proxy's host key is made
 * in {@code .corral} on first start, and ssh-auth-service publishes its fingerprint for
 * {@code corral ssh} to check.
 */
public final class CorralStandalone {

    /** The control plane's services, in the order they start. */
    private static final List<CorralService> SERVICES = services(
            System.getenv().getOrDefault("CORRAL_CELL_AGENT", "on").equals("off"));

    private static final int POSTGRES_PORT = Integer
        .parseInt(System.getenv().getOrDefault("CORRAL_POSTGRES_PORT", "15432"));

    private static final String PROXY_HOST_KEY_FILE = "corral.ssh-proxy.host-key-file";

    private CorralStandalone() {
    }

    public static void main(String[] args) {
        PostgresServer postgres = PostgresServer.embedded(Path.of(".corral", "postgres"), POSTGRES_PORT);
        List<InProcessService> running = new CopyOnWriteArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running, postgres), "corral-shutdown"));
        Path proxyHostKey = Path.of(argument(args, PROXY_HOST_KEY_FILE).orElse(".corral/ssh-proxy-host.key"));
        String proxyFingerprint = HostKeys.sha256Fingerprint(proxyHostKey, true);
        for (CorralService service : SERVICES) {
            Map<String, String> settings = new HashMap<>();
            if (service.keepsDatabase()) {
                postgres.createDatabaseIfMissing(service.name());
                settings.putAll(postgres.dataSource(service.name()));
            }
            SERVICES.stream()
                .filter(other -> other != service)
                .forEach(other -> settings.put("corral." + other.name() + ".url", "http://127.0.0.1:" + port(other)));
            settings.put("server.port", String.valueOf(port(service)));
            settings.put("server.address", System.getenv().getOrDefault("SERVER_ADDRESS", "127.0.0.1"));
            settings.put("corral.security.dev-issuer.enabled", "true");
            settings.put("corral.security.dev-issuer.key-file", Path.of(".corral", "dev-issuer.key").toString());
            settings.put("corral.security.dev-issuer.token-file", Path.of(".corral", "dev-token").toString());
            settings.put("corral.ssh-proxy.generate-host-key", "true");
            settings.put(PROXY_HOST_KEY_FILE, proxyHostKey.toString());
            settings.put("corral.ssh.info.app-ssh-host-key-fingerprint", proxyFingerprint);
            settings.put("corral.ssh-proxy.address", settings.get("server.address"));
            settings.putAll(consoleSettings(settings.get("server.address")));
            running.add(InProcessService.start(service, settings, args));
        }
    }

    /**
     * The control plane, then one cell agent running real processes, unless
     * {@code CORRAL_CELL_AGENT=off} (cells of one's own, or none).
     */
    private static List<CorralService> services(boolean withoutCellAgent) {
        List<CorralService> services = new ArrayList<>(
                List.of(ReceptorApplication.SERVICE, PlacementApplication.SERVICE, RouteEmitterApplication.SERVICE,
                        SshAuthApplication.SERVICE, SshProxyApplication.SERVICE));
        if (!withoutCellAgent) {
            services.add(CellAgentApplication.SERVICE);
        }
        return List.copyOf(services);
    }

    /**
     * The value of {@code --name=value} among the arguments, which every service reads.
     */
    private static Optional<String> argument(String[] args, String name) {
        String prefix = "--" + name + "=";
        return List.of(args)
            .stream()
            .filter(arg -> arg.startsWith(prefix))
            .map(arg -> arg.substring(prefix.length()))
            .reduce((first, last) -> last);
    }

    private static int port(CorralService service) {
        String variable = service.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
        return Integer.parseInt(System.getenv().getOrDefault(variable, String.valueOf(service.defaultPort())));
    }

    /**
     * The console's view of the services, as a browser on this machine (or one that
     * reaches {@code address}, when it names a host) sees them; every service allows the
     * receptor's origin to read it.
     */
    static Map<String, String> consoleSettings(String address) {
        boolean anyInterface = address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
        String host = anyInterface || address.equals("127.0.0.1") ? "localhost"
                : address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        int receptor = port(ReceptorApplication.SERVICE);
        Set<String> origins = new LinkedHashSet<>(List.of("http://" + host + ":" + receptor,
                "http://localhost:" + receptor, "http://127.0.0.1:" + receptor));
        return Map.of("corral.security.cors.allowed-origins", String.join(",", origins), "corral.console.placement-url",
                "http://" + host + ":" + port(PlacementApplication.SERVICE), "corral.console.route-emitter-url",
                "http://" + host + ":" + port(RouteEmitterApplication.SERVICE), "corral.console.ssh-auth-url",
                "http://" + host + ":" + port(SshAuthApplication.SERVICE));
    }

    /** Services stop in reverse order of starting, PostgreSQL last. */
    private static void stop(List<InProcessService> running, PostgresServer postgres) {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        try {
            postgres.close();
        }
        catch (RuntimeException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

}
