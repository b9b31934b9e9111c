package io.corral.sshproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.corral.receptor.client.ReceptorJson;
import io.corral.sshproxy.access.Permissions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ssh-auth-service's side of the proxy contract (docs/ssh-proxy.md), played by the test:
 * it grants the one password it is given, with the permissions the test sets, refuses
 * every other with the contract's refusal, records taints and session ends, and publishes
 * the grant events the test asks for. Tests of the proxy's own behaviour use it; the
 * end-to-end tests use the real service.
 */
public final class StubSshAuth implements AutoCloseable {

    private static final JsonMapper JSON = ReceptorJson.mapper();

    private final HttpServer server;

    private final InstanceRoute target;

    private final String fingerprint;

    public final List<String> taints = new CopyOnWriteArrayList<>();

    public final List<String> released = new CopyOnWriteArrayList<>();

    public final List<String> grants = new CopyOnWriteArrayList<>();

    public final List<JsonNode> authorizations = new CopyOnWriteArrayList<>();

    private final List<OutputStream> eventStreams = new CopyOnWriteArrayList<>();

    private volatile String acceptedPassword = "good-token";

    private volatile String acceptedBearer = "";

    private volatile Permissions permissions = Permissions.ALL;

    private volatile String hostFingerprint;

    /** Where the instance's SSH daemon listens and how the proxy logs in to it. */
    public record InstanceRoute(int port, String user, String privateKey, String hostFingerprint) {

    }

    private StubSshAuth(HttpServer server, InstanceRoute target) {
        this.server = server;
        this.target = target;
        this.fingerprint = target.hostFingerprint();
        this.hostFingerprint = fingerprint;
    }

    /** Grants logins to OpenSSH's daemon, the route carrying its MD5 fingerprint. */
    public static StubSshAuth start(TargetDaemon target) {
        return start(
                new InstanceRoute(target.port(), target.user(), target.privateKey(), target.hostFingerprint("MD5")));
    }

    public static StubSshAuth start(InstanceRoute target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            StubSshAuth stub = new StubSshAuth(server, target);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Grants a files request carrying {@code token} (as {@code bearer TOKEN}). */
    public void acceptBearer(String token) {
        this.acceptedBearer = "bearer " + token;
    }

    public void permit(Permissions granted) {
        this.permissions = granted;
    }

    public void routeFingerprint(String value) {
        this.hostFingerprint = value;
    }

    public void resetFingerprint() {
        this.hostFingerprint = fingerprint;
    }

    /** Publishes a grant event to every proxy following the stream. */
    public void publish(String event, Map<String, ?> data) {
        byte[] frame = ("event: " + event + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
            .getBytes(StandardCharsets.UTF_8);
        for (OutputStream stream : eventStreams) {
            try {
                stream.write(frame);
                stream.flush();
            }
            catch (IOException e) {
                eventStreams.remove(stream);
            }
        }
    }

    public int followers() {
        return eventStreams.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (!String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).startsWith("Bearer ")) {
            answer(exchange, 401, Map.of("name", "Unauthorized", "message", "no token"));
        }
        else if (method.equals("POST") && path.equals("/v1/ssh/authorize")) {
            authorize(exchange);
        }
        else if (method.equals("POST") && path.endsWith("/taint")) {
            taints.add(path.split("/")[4] + ":" + JSON.readTree(exchange.getRequestBody()).path("reason").asString());
            answer(exchange, 204, null);
        }
        else if (method.equals("DELETE") && path.startsWith("/v1/ssh/grants/")) {
            released.add(path.substring("/v1/ssh/grants/".length()));
            answer(exchange, 204, null);
        }
        else if (method.equals("POST") && path.equals("/v1/ssh/grants/check")) {
            List<Map<String, Object>> statuses = new ArrayList<>();
            JSON.readTree(exchange.getRequestBody())
                .path("grant_ids")
                .forEach(id -> statuses.add(Map.of("grant_id", id.asString(), "live", true)));
            answer(exchange, 200, Map.of("grants", statuses));
        }
        else if (method.equals("GET") && path.equals("/v1/ssh/grants/events")) {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream stream = exchange.getResponseBody();
            stream.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            stream.flush();
            eventStreams.add(stream);
        }
        else {
            answer(exchange, 404, Map.of("name", "NotFound", "message", path));
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        authorizations.add(request);
        String password = request.path("password").asString();
        if (!acceptedPassword.equals(password) && !acceptedBearer.equals(password)) {
            answer(exchange, 403, Map.of("name", "SshAccessRefused", "message", "the credential is not valid", "reason",
                    "invalid_credential"));
            return;
        }
        String grantId = UUID.randomUUID().toString();
        grants.add(grantId);
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("grant_id", grantId);
        grant.put("user_id", "user-1");
        grant.put("user_name", "dev@example.com");
        grant.put("process_guid", "pg-1");
        grant.put("instance_guid", "ig-1");
        grant.put("index", 0);
        grant.put("app_guid", "app-1");
        grant.put("space_guid", "space-1");
        grant.put("address", "127.0.0.1");
        grant.put("port", target.port());
        grant.put("user", target.user());
        grant.put("private_key", target.privateKey());
        grant.put("host_fingerprint", hostFingerprint);
        grant.put("permissions", permissions);
        grant.put("replace_tainted", false);
        answer(exchange, 200, grant);
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
