package io.corral.testsupport;

import io.corral.support.db.PostgresServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for tests: the machine's server on 127.0.0.1:5432 when one answers,
 * else an embedded one started once per JVM ({@link PostgresServer#machineOrEmbedded()}).
 * Each call of {@link #freshDatabase()} creates an empty database, dropped when the JVM
 * exits, so test classes never see each other's rows.
 */
public final class TestPostgres {

    private static PostgresServer server;

    private TestPostgres() {
    }

    /** Points Spring's data source at a new, empty database. */
    public static void register(DynamicPropertyRegistry registry) {
        freshDataSource().forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * Data source settings for a new, empty database, for services a test starts itself.
     */
    public static Map<String, String> freshDataSource() {
        PostgresServer postgres = server();
        return postgres.dataSource(postgres.freshDatabase("corral_test_"));
    }

    /**
     * A proxy to the server, to {@link CuttableProxy#cut() cut} and restore: the database
     * becomes unreachable for the services using it, and no one else.
     */
    static CuttableProxy cuttableProxy() {
        URI server = URI.create(server().url("").substring("jdbc:".length()));
        return new CuttableProxy(server.getHost(), server.getPort());
    }

    /** Data source settings for a new, empty database reached through {@code proxy}. */
    static Map<String, String> freshDataSourceThrough(CuttableProxy proxy) {
        PostgresServer postgres = server();
        String database = postgres.freshDatabase("corral_test_");
        Map<String, String> settings = new HashMap<>(postgres.dataSource(database));
        settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database);
        return settings;
    }

    /** The JDBC URL of a new, empty database. */
    public static String freshDatabase() {
        PostgresServer postgres = server();
        return postgres.url(postgres.freshDatabase("corral_test_"));
    }

    public static String user() {
        return server().user();
    }

    public static String password() {
        return server().password();
    }

    /** Runs a statement against the server's maintenance database. */
    public static void execute(String sql) {
        server().execute(sql);
    }

    private static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.machineOrEmbedded();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "drop-test-databases"));
        }
        return server;
    }

}
