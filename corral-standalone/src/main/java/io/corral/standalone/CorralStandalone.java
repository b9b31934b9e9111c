package io.corral.standalone;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole control plane in one process: PostgreSQL embedded (data kept in {@code .corral/postgres})
 * with a database per service, the receptor on 8888 and the placement service on 8889, trusting a
 * development token issuer. Each service reads its own settings file, as it would alone; arguments
 * ({@code --name=value}) go to every service.
 */
public final class CorralStandalone {

    private static final int POSTGRES_PORT = Integer.parseInt(System.getenv().getOrDefault("CORRAL_POSTGRES_PORT", "15432"));
    private static final String RECEPTOR_PORT = System.getenv().getOrDefault("RECEPTOR_PORT", "8888");
    private static final String PLACEMENT_PORT = System.getenv().getOrDefault("PLACEMENT_PORT", "8889");

    private CorralStandalone() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(".corral", "postgres"))
                .setCleanDataDirectory(false)
                .setPort(POSTGRES_PORT)
                .start();
        createDatabases(postgres, "receptor", "placement");
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(services, postgres), "corral-shutdown"));
        services.add(new SpringApplicationBuilder(ReceptorApplication.class)
                .run(with(args, postgres, "receptor", RECEPTOR_PORT)));
        List<String> placement = new ArrayList<>(List.of(with(args, postgres, "placement", PLACEMENT_PORT)));
        placement.add("--corral.receptor.url=http://127.0.0.1:" + RECEPTOR_PORT);
        services.add(PlacementApplication.application().run(placement.toArray(String[]::new)));
    }

    private static String[] with(String[] args, EmbeddedPostgres postgres, String database, String port) {
        List<String> all = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
                "--spring.datasource.username=postgres",
                "--server.port=" + port,
                "--corral.security.dev-issuer.enabled=true"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static void createDatabases(EmbeddedPostgres postgres, String... names) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String name : names) {
                var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + name);
                }
            }
        }
    }

    /** Services stop in reverse order of starting, PostgreSQL last. */
    private static void stop(List<ConfigurableApplicationContext> services, EmbeddedPostgres postgres) {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
