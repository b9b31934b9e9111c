package io.corral.support.db;

import io.corral.support.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A PostgreSQL server to make databases on, for services booted in one JVM (the
 * standalone launcher, benchmarks, tests): the machine's, or one embedded in this
 * process. Closing it drops the databases {@link #freshDatabase(String) made fresh} and
 * stops an embedded server.
 */
public final class PostgresServer implements AutoCloseable {

    private final String serverUrl;

    private final String user;

    private final String password;

    private final EmbeddedDatabase embedded;

    private final List<String> fresh = new ArrayList<>();

    private PostgresServer(String serverUrl, String user, String password, EmbeddedDatabase embedded) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * The machine's server when one answers at {@code PGHOST:PGPORT} (default
     * 127.0.0.1:5432), used as {@code PGUSER} (default postgres) with {@code PGPASSWORD};
     * else an embedded one on a new temporary data directory.
     */
    public static PostgresServer machineOrEmbedded() {
        Map<String, String> env = System.getenv();
        String host = env.getOrDefault("PGHOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("PGPORT", "5432"));
        if (reachable(host, port)) {
            return new PostgresServer("jdbc:postgresql://" + host + ":" + port + "/",
                    env.getOrDefault("PGUSER", "postgres"), env.getOrDefault("PGPASSWORD", ""), null);
        }
        try {
            Path dataDirectory = Files.createTempDirectory("corral-postgres");
            return embedded(EmbeddedDatabase.start(dataDirectory, FreePorts.pick()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL on " + host + ":" + port + " and the embedded one failed", e);
        }
    }

    /**
     * An embedded server on {@code port}, keeping its data in {@code dataDirectory}
     * across restarts.
     */
    public static PostgresServer embedded(Path dataDirectory, int port) {
        return embedded(EmbeddedDatabase.start(dataDirectory, port));
    }

    private static PostgresServer embedded(EmbeddedDatabase database) {
        return new PostgresServer(database.jdbcUrl(""), "postgres", "", database);
    }

    public String url(String database) {
        return serverUrl + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Spring's data source settings for {@code database}. */
    public Map<String, String> dataSource(String database) {
        return Map.of("spring.datasource.url", url(database), "spring.datasource.username", user,
                "spring.datasource.password", password);
    }

    /**
     * Creates an empty database named {@code prefix} and a random suffix, dropped on
     * {@link #close()}.
     */
    public synchronized String freshDatabase(String prefix) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE \"" + name + "\"");
        fresh.add(name);
        return name;
    }

    /**
     * Creates the database {@code name} unless it exists; it is kept on {@link #close()}.
     */
    public void createDatabaseIfMissing(String name) {
        try (Connection connection = maintenanceConnection(); Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next()) {
                statement.execute("CREATE DATABASE \"" + name + "\"");
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL could not create the database " + name, e);
        }
    }

    /** Runs a statement against the server's maintenance database. */
    public void execute(String sql) {
        try (Connection connection = maintenanceConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    @Override
    public synchronized void close() {
        for (String name : fresh) {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            catch (RuntimeException e) {
                // A database left behind is only disk space.
            }
        }
        fresh.clear();
        if (embedded != null) {
            embedded.close();
        }
    }

    private Connection maintenanceConnection() throws SQLException {
        return DriverManager.getConnection(url("postgres"), user, password);
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

}
