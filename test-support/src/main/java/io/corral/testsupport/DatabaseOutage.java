package io.corral.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

/**
 * An outage of one service's database, a real PostgreSQL behind a {@link CuttableProxy}
 * that the test cuts and restores while PostgreSQL goes on serving everyone else, and
 * what every service with a database promises through it
 * (docs/architecture.md#when-the-database-is-unreachable): while cut, readiness answers
 * 503 DOWN, liveness 200 UP and {@code /actuator/health} answers rather than hangs; once
 * restored, readiness is UP again by itself, without a restart.
 * <p>
 * The service starts on {@link #dataSource()}; what it answers its own requests meanwhile
 * (503 {@code DatabaseUnavailable}) and what it kept is for each service's test to show.
 */
public final class DatabaseOutage implements AutoCloseable {

    /**
     * Generous, for a busy machine: how long readiness may take to follow the database.
     */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /**
     * Generous, for a busy machine, and still well below the 30 s a connection pool waits
     * by default.
     */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final CuttableProxy database = TestPostgres.cuttableProxy();

    private final Map<String, String> dataSource = TestPostgres.freshDataSourceThrough(database);

    /**
     * Data source settings of a new, empty database reached through the proxy, for the
     * service whose database this outage cuts.
     */
    public Map<String, String> dataSource() {
        return dataSource;
    }

    /**
     * Raw HTTP to {@code service} that gives up when no answer arrived within 10 s: while
     * its database is out a service answers at once (503) rather than keeping the request
     * waiting for a connection.
     */
    public static RawHttp answeringPromptly(ServiceUnderTest service) {
        return new RawHttp(service.uri(), ANSWER_WITHIN);
    }

    /**
     * Cuts {@code service} off its database; returns once its readiness answers DOWN,
     * having seen liveness stay UP and the overall health answer DOWN.
     */
    public void cut(ServiceUnderTest service) {
        database.cut();
        long cutAt = System.nanoTime();
        RawHttp http = answeringPromptly(service);
        Eventually.await(LIMIT, "readiness is DOWN while the database is unreachable",
                () -> health(http, "/readiness").equals("503 DOWN"));
        log("readiness answered DOWN after the cut in", cutAt);
        assertThat(health(http, "/liveness")).as("liveness while the database is unreachable").isEqualTo("200 UP");
        assertThat(health(http, "")).as("health while the database is unreachable").isEqualTo("503 DOWN");
    }

    /**
     * Lets {@code service} reach its database again; returns once its readiness is UP
     * again, by itself.
     */
    public void restore(ServiceUnderTest service) {
        database.restore();
        long restoredAt = System.nanoTime();
        RawHttp http = answeringPromptly(service);
        Eventually.await(LIMIT, "readiness is UP again once the database is back",
                () -> health(http, "/readiness").equals("200 UP"));
        log("readiness answered UP after the restore in", restoredAt);
        Eventually.await(LIMIT, "health is UP again once the database is back",
                () -> health(http, "").equals("200 UP"));
    }

    @Override
    public void close() {
        database.close();
    }

    /**
     * How long {@code what} took, on the test's output as {@code docs/performance.md}
     * reads it.
     */
    public static void log(String what, long sinceNanos) {
        System.out.printf("database outage: %s %d ms%n", what, (System.nanoTime() - sinceNanos) / 1_000_000);
    }

    /** The status and the answer's {@code status} of a health group, e.g. "503 DOWN". */
    private static String health(RawHttp http, String group) {
        RawHttp.Response response = http.send("GET", "/actuator/health" + group, null, null);
        return response.status() + " " + response.json().path("status").asString();
    }

}
