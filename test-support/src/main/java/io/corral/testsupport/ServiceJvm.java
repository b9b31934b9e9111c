package io.corral.testsupport;

import io.corral.support.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A replica of a Corral service run as an operator runs it, in a JVM of its own
 * ({@link ChildJvm}) on a free port of the loopback interface: on the database
 * {@code database} names, trusting and minting the test issuer's tokens (its key's path
 * only: the key never leaves the file). Killed with SIGKILL, it leaves its leases to
 * lapse as a crash would.
 */
public final class ServiceJvm implements AutoCloseable {

    private final ChildJvm jvm;

    private final URI uri;

    private ServiceJvm(ChildJvm jvm, URI uri) {
        this.jvm = jvm;
        this.uri = uri;
    }

    /**
     * Starts {@code mainClass} in {@code directory} with {@code settings} on top of its
     * own settings file; {@code database} as {@link TestPostgres#freshDataSource()} gives
     * it.
     */
    public static ServiceJvm start(Path directory, Class<?> mainClass, Map<String, String> database,
            Map<String, String> settings) {
        int port = FreePorts.pick();
        Map<String, String> all = new LinkedHashMap<>(TestTokens.properties());
        all.put("spring.datasource.url", database.get("spring.datasource.url"));
        all.put("spring.datasource.username", database.get("spring.datasource.username"));
        all.put("server.port", Integer.toString(port));
        all.putAll(settings);
        String[] args = all.entrySet()
            .stream()
            .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
            .toArray(String[]::new);
        ChildJvm jvm = ChildJvm.start(directory,
                Map.of("SPRING_DATASOURCE_PASSWORD", database.getOrDefault("spring.datasource.password", "")),
                mainClass, args);
        return new ServiceJvm(jvm, URI.create("http://127.0.0.1:" + port));
    }

    public URI uri() {
        return uri;
    }

    /**
     * Waits until its health is UP (a service following the receptor's events: once it
     * has read the receptor); fails at once if it exited.
     */
    public void awaitHealthy(Duration limit) {
        Eventually.await(limit, "the replica on " + uri + " answers healthy", () -> {
            if (!jvm.isAlive()) {
                throw new AssertionError("the replica on " + uri + " exited: " + jvm.output());
            }
            try {
                return new RawHttp(uri).send("GET", "/actuator/health", null, null).status() == 200;
            }
            catch (RuntimeException notYetListening) {
                return false;
            }
        });
    }

    /** Whether it holds {@code lease}, as its {@code corral_lease_held} gauge says. */
    public boolean holds(String lease) {
        String metrics = new RawHttp(uri)
            .send("GET", "/actuator/prometheus", TestTokens.withScopes("receptor.read"), null)
            .body();
        return metrics.lines()
            .anyMatch(line -> line.startsWith("corral_lease_held{") && line.contains("lease=\"" + lease + "\"")
                    && line.endsWith(" 1.0"));
    }

    /** SIGKILL: nothing of it runs after, and it releases nothing. */
    public void kill() {
        jvm.kill();
    }

    /**
     * Whether it exited within {@code limit}; killed if not, so no test leaves one
     * behind.
     */
    public boolean exitsWithin(Duration limit) {
        return jvm.exitsWithin(limit);
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    public String output() {
        return jvm.output();
    }

    /** Kills it and waits until it is gone. */
    @Override
    public void close() {
        jvm.kill();
        jvm.exitsWithin(Duration.ofSeconds(30));
    }

}
