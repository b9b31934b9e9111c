package io.corral.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.corral.support.db.PostgresServer;
import io.corral.support.service.InProcessService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.util.FileSystemUtils;

/**
 * What booting a Corral service in the benchmark's JVM ({@link InProcessService}) takes,
 * whichever it is.
 */
final class InProcessServices {

    private InProcessServices() {
    }

    /**
     * A free port, quiet logs, {@code database} and trust in the benchmark's development
     * issuer, whose printed token goes beside its key, never into {@code .corral/}; the
     * caller adds the service's own settings.
     */
    static Map<String, String> settings(PostgresServer postgres, String database, Path issuerKeyFile, String issuer) {
        Map<String, String> settings = new HashMap<>(postgres.dataSource(database));
        settings.put("server.port", "0");
        settings.put("spring.main.banner-mode", "off");
        settings.put("logging.level.root", "WARN");
        settings.put("corral.security.dev-issuer.enabled", "true");
        settings.put("corral.security.dev-issuer.key-file", issuerKeyFile.toString());
        settings.put("corral.security.dev-issuer.issuer", issuer);
        settings.put("corral.security.dev-issuer.token-file", issuerKeyFile.resolveSibling("dev-token").toString());
        return settings;
    }

    /** The service's JDBC connection pool size, or -1 if it is not a Hikari pool. */
    static int connectionPoolSize(InProcessService service) {
        return service.bean(DataSource.class) instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : -1;
    }

    /**
     * Where a development issuer key for one run goes, in a directory of its own removed
     * on exit.
     */
    static Path issuerKeyFile(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> deleteQuietly(directory), "corral-benchmark-cleanup"));
            return directory.resolve("dev-issuer.key");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            FileSystemUtils.deleteRecursively(directory);
        }
        catch (IOException e) {
            System.err.println("could not remove " + directory + ": " + e.getMessage());
        }
    }

}
