package io.corral.receptor.task;

import com.sun.net.httpserver.HttpServer;
import io.corral.receptor.client.ReceptorJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * A Cloud Controller's completion callback endpoint: records what it is POSTed, answers
 * {@code status}.
 */
final class CallbackReceiver implements AutoCloseable {

    private final HttpServer server;

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    CallbackReceiver(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(ReceptorJson.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/internal/v3/tasks/completed";
    }

    List<JsonNode> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
