package io.corral.benchmarks;

import io.corral.support.db.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own benchmark on the same server, as the yardstick for the receptor's
 * write rate: the simple-update TPC-B-like script ({@code -N}: per transaction one
 * UPDATE, one SELECT, one INSERT) in a scratch database initialised at scale 10, dropped
 * afterwards.
 */
final class PgBench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private PgBench() {
    }

    /**
     * {@code command} is what ran; {@code skipped} says why nothing did, when nothing
     * did.
     */
    record Result(double tps, double latencyAverageMs, String command, String skipped) {

        static Result skipped(String why) {
            return new Result(0, 0, null, why);
        }
    }

    static Result run(PostgresServer postgres, int clients, int threads, int seconds) {
        if (seconds == 0) {
            return Result.skipped("--pgbench-seconds=0");
        }
        String database = postgres.freshDatabase("corral_pgbench_");
        URI server = URI.create(postgres.url(database).substring("jdbc:".length()));
        List<String> connection = List.of("-h", server.getHost(), "-p", String.valueOf(server.getPort()), "-U",
                postgres.user(), database);
        String password = postgres.password();
        try {
            exec(password, concat(List.of("pgbench", "-i", "-q", "-s", "10"), connection));
            // As before each of the receptor's phases (DatabaseProbe.checkpoint).
            postgres.execute("CHECKPOINT");
            List<String> command = concat(List.of("pgbench", "-N", "-c", String.valueOf(clients), "-j",
                    String.valueOf(threads), "-T", String.valueOf(seconds)), connection);
            String output = exec(password, command);
            return new Result(number(TPS, output), number(LATENCY, output), String.join(" ", command), null);
        }
        catch (UncheckedIOException notInstalled) {
            return Result.skipped("pgbench could not run: " + notInstalled.getCause().getMessage());
        }
        finally {
            postgres.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static String exec(String password, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("pgbench printed no '" + pattern + "':\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

}
