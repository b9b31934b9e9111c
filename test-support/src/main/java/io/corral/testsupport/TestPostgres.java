package io.corral.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for tests: the machine's server on 127.0.0.1:5432 when one answers, else an
 * embedded one started once per JVM. Each call of {@link #freshDatabase()} creates an empty
 * database, dropped when the JVM exits, so test classes never see each other's rows.
 */
public final class TestPostgres {

    private static final String HOST = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432"));
    private static final String USER = System.getenv().getOrDefault("PGUSER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("PGPASSWORD", "");

    private static String serverUrl;
    private static EmbeddedPostgres embedded;
    private static final List<String> created = new ArrayList<>();

    private TestPostgres() {
    }

    /** Points Spring's data source at a new, empty database. */
    public static void register(DynamicPropertyRegistry registry) {
        freshDataSource().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Data source settings for a new, empty database, for services a test starts itself. */
    public static Map<String, String> freshDataSource() {
        return Map.of(
                "spring.datasource.url", freshDatabase(),
                "spring.datasource.username", user(),
                "spring.datasource.password", password());
    }

    public static synchronized String freshDatabase() {
        String name = "corral_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + name);
        created.add(name);
        return urlOf(name);
    }

    public static String user() {
        return embedded != null ? "postgres" : USER;
    }

    public static String password() {
        return embedded != null ? "" : PASSWORD;
    }

    /** Runs a statement against the server's maintenance database. */
    public static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(urlOf("postgres"), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private static synchronized String urlOf(String database) {
        if (serverUrl == null) {
            serverUrl = reachable() ? "jdbc:postgresql://" + HOST + ":" + PORT + "/" : startEmbedded();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "drop-test-databases"));
        }
        return serverUrl + database;
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
            return "jdbc:postgresql://localhost:" + embedded.getPort() + "/";
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL on " + HOST + ":" + PORT + " and the embedded one failed", e);
        }
    }

    private static synchronized void dropCreated() {
        for (String name : created) {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException e) {
                // The JVM is exiting; a database left behind is only disk space.
            }
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // Exiting anyway.
            }
        }
    }
}
