package io.corral.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.ModificationTag;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The receptor's read API for the route benchmark: {@code lrps} desired LRPs of
 * {@code instances} RUNNING instances each, one hostname each, on 100 cells, written in
 * the receptor's JSON as it is asked for (the route emitter's side is measured, not the
 * receptor's PostgreSQL).
 */
final class StubReceptor implements AutoCloseable {

    static final int CELLS = 100;

    private final HttpServer server;

    private final int lrps;

    private final int instances;

    private final ObjectMapper json = ReceptorJson.mapper();

    StubReceptor(int lrps, int instances) {
        this.lrps = lrps;
        this.instances = instances;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/cells", exchange -> answer(exchange, CELLS, this::cell));
        server.createContext("/v1/desired_lrps", exchange -> answer(exchange, lrps, this::desired));
        server.createContext("/v1/actual_lrps", exchange -> answer(exchange, lrps * instances, this::actual));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String processGuid(int lrp) {
        return "app-" + lrp;
    }

    static String hostname(int lrp) {
        return "app-" + lrp + ".apps.example.com";
    }

    static String cellId(int cell) {
        return "cell-" + cell;
    }

    /**
     * Instance {@code n} of the whole set: its LRP is n / instances, its index n %
     * instances.
     */
    ActualLrp actual(int n) {
        return running(n / instances, n % instances, 1L);
    }

    /**
     * The instance as RUNNING (or, with {@code running} false, CRASHED), changed at
     * {@code since}.
     */
    ActualLrp running(int lrp, int index, long since) {
        int n = lrp * instances + index;
        int cell = n % CELLS;
        return new ActualLrp(processGuid(lrp), "instance-" + n, cellId(cell), "cf-apps", index,
                "10.0." + cell / 250 + "." + cell % 250, List.of(new PortMapping(8080, 20_000 + n / CELLS % 40_000)),
                ActualLrpState.RUNNING, null, since, 0, null, false, new ModificationTag("e", 1));
    }

    private DesiredLrp desired(int lrp) {
        JsonNode routes = json.readTree("[{\"hostnames\": [\"" + hostname(lrp) + "\"], \"port\": 8080}]");
        return DesiredLrp.builder()
            .processGuid(processGuid(lrp))
            .domain("cf-apps")
            .rootfs("preloaded:cflinuxfs4")
            .instances(instances)
            .action(json.readTree("{\"run\": {\"path\": \"/app/start\"}}"))
            .ports(List.of(8080))
            .routes(Map.of("cf-router", routes))
            .logGuid(processGuid(lrp))
            .appGuid("guid-" + lrp)
            .build();
    }

    private Cell cell(int cell) {
        return new Cell(cellId(cell), "z" + cell % 3, "http://cell:1800", new CellCapacity(65_536, 262_144, 250),
                List.of(), List.of(), List.of("preloaded:cflinuxfs4"), 30, null);
    }

    /** Writes what a full read answers, to measure the stub's own share of a sync. */
    void writeAll(OutputStream out) {
        try {
            write(out, CELLS, this::cell);
            write(out, lrps, this::desired);
            write(out, lrps * instances, this::actual);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange, int count, IntFunction<Object> record) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
            write(out, count, record);
        }
    }

    private void write(OutputStream out, int count, IntFunction<Object> record) throws IOException {
        out.write('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(json.writeValueAsBytes(record.apply(i)));
        }
        out.write(']');
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
