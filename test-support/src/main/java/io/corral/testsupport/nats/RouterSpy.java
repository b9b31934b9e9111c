package io.corral.testsupport.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test "router" on NATS: records every message on {@code router.*} and answers
 * {@code router.greet} as gorouter does, with its minimum register interval.
 */
public final class RouterSpy implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One message heard, with its JSON payload. */
    public record Heard(String subject, String payload, long atNanos) {

        public JsonNode json() {
            return JSON.readTree(payload);
        }

        public boolean isFor(String hostname) {
            return payload.contains("\"uris\":[\"" + hostname + "\"]");
        }
    }

    private final Connection connection;

    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    private volatile int answerIntervalSeconds;

    private RouterSpy(Connection connection, int answerIntervalSeconds) {
        this.connection = connection;
        this.answerIntervalSeconds = answerIntervalSeconds;
    }

    /** A router answering greetings with {@code intervalSeconds}; 0: never answers. */
    public static RouterSpy start(String url, int intervalSeconds) {
        try {
            Connection connection = Nats.connect(
                    new Options.Builder().server(url).maxReconnects(-1).reconnectWait(Duration.ofMillis(100)).build());
            RouterSpy spy = new RouterSpy(connection, intervalSeconds);
            Dispatcher dispatcher = connection.createDispatcher(spy::onMessage);
            dispatcher.subscribe("router.*");
            connection.flush(Duration.ofSeconds(5));
            return spy;
        }
        catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void answerGreetingsWith(int intervalSeconds) {
        answerIntervalSeconds = intervalSeconds;
    }

    /** Announces a router on {@code router.start}, as gorouter does when it starts. */
    public void announceStart(String payload) {
        connection.publish("router.start", payload.getBytes(StandardCharsets.UTF_8));
    }

    public List<Heard> heard() {
        return List.copyOf(heard);
    }

    public List<Heard> heard(String subject, String hostname) {
        return heard.stream().filter(h -> h.subject().equals(subject) && h.isFor(hostname)).toList();
    }

    public long count(String subject) {
        return heard.stream().filter(h -> h.subject().equals(subject)).count();
    }

    public boolean connected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    private void onMessage(Message message) {
        String payload = message.getData() == null ? "" : new String(message.getData(), StandardCharsets.UTF_8);
        heard.add(new Heard(message.getSubject(), payload, System.nanoTime()));
        int interval = answerIntervalSeconds;
        if (message.getSubject().equals("router.greet") && message.getReplyTo() != null && interval > 0) {
            connection.publish(message.getReplyTo(), greeting(interval).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String greeting(int intervalSeconds) {
        return "{\"id\":\"test-router\",\"hosts\":[\"127.0.0.1\"],\"minimumRegisterIntervalInSeconds\":"
                + intervalSeconds + ",\"pruneThresholdInSeconds\":120}";
    }

    @Override
    public void close() {
        try {
            connection.close();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
