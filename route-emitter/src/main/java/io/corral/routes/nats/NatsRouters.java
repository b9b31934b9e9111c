package io.corral.routes.nats;

import io.corral.routes.emitter.RoutePublisher;
import io.corral.routes.table.Endpoint;
import io.corral.routes.table.RegistryMessage;
import io.corral.support.Threads;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gorouter's side of NATS, with the official jnats client: {@code router.register} and
 * {@code router.unregister} out; {@code router.greet} with a reply inbox at every
 * (re)connect, once per {@code greet-interval} until a router answers; answers and
 * {@code router.start} announcements set the re-registration interval (the smallest
 * heard), and a {@code router.start} or a new connection has every route registered
 * again. The connection is retried forever; messages published while it is down are
 * dropped, as everything is registered again once it is back.
 */
public class NatsRouters implements RoutePublisher, SmartLifecycle {

    static final String GREET = "router.greet";

    static final String START = "router.start";

    private static final Logger log = LoggerFactory.getLogger(NatsRouters.class);

    /**
     * jnats queues 5,000 messages by default and refuses more after a wait; a
     * re-registration of every route goes out in one burst.
     */
    private static final int OUTGOING_QUEUE = 200_000;

    private final AtomicLong dropped = new AtomicLong();

    private final NatsProperties properties;

    private final ScheduledExecutorService greeter = Executors
        .newSingleThreadScheduledExecutor(Threads.daemon("router-greet"));

    private volatile Connection connection;

    private volatile String inbox;

    private volatile boolean answered;

    private volatile Duration smallestInterval;

    private volatile Consumer<Duration> registerAllWithin = bound -> {
    };

    private volatile boolean running;

    public NatsRouters(NatsProperties properties) {
        this.properties = properties;
    }

    @Override
    public void register(Endpoint endpoint) {
        publish(RegistryMessage.REGISTER, endpoint);
    }

    @Override
    public void unregister(Endpoint endpoint) {
        publish(RegistryMessage.UNREGISTER, endpoint);
    }

    @Override
    public Duration registerInterval(Duration fallback) {
        Duration heard = smallestInterval;
        return heard == null ? fallback : heard;
    }

    @Override
    public void onRoutersNeedEverything(Consumer<Duration> registerAllWithin) {
        this.registerAllWithin = registerAllWithin;
    }

    /** Messages jnats refused: its connection closed, or its outgoing queue full. */
    public long dropped() {
        return dropped.get();
    }

    public boolean isConnected() {
        Connection current = connection;
        return current != null && current.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public void start() {
        running = true;
        greeter.scheduleWithFixedDelay(this::greetUnlessAnswered, 0, properties.greetInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            Nats.connectAsynchronously(options(), true);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        greeter.shutdownNow();
        Connection current = connection;
        if (current != null) {
            try {
                current.flush(Duration.ofSeconds(2));
                current.close();
            }
            catch (Exception e) {
                log.warn("NATS connection did not close cleanly: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the route leader starts publishing, after it stops. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private Options options() {
        Properties jnats = new Properties();
        jnats.setProperty(Options.PROP_MAX_MESSAGES_IN_OUTGOING_QUEUE, Integer.toString(OUTGOING_QUEUE));
        jnats.putAll(properties.options());
        return new Options.Builder(jnats).servers(properties.servers().toArray(String[]::new))
            .connectionName("route-emitter")
            .maxReconnects(-1)
            .connectionListener(new Listener())
            .errorListener(new ErrorListener() {
                @Override
                public void errorOccurred(Connection conn, String error) {
                    log.warn("NATS server reported an error: {}", error);
                }
            })
            .build();
    }

    private void publish(String subject, Endpoint endpoint) {
        Connection current = connection;
        if (current == null || current.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        try {
            current.publish(subject, RegistryMessage.json(endpoint));
        }
        catch (IllegalStateException closedOrFull) {
            if (dropped.getAndIncrement() % 10_000 == 0) {
                log.warn("NATS refused a {} message ({}); the next re-registration repeats registers, an "
                        + "unregister is repeated if it was one", subject, closedOrFull.getMessage());
            }
        }
    }

    private void connected(Connection current, boolean first) {
        if (first) {
            inbox = current.createInbox();
            Dispatcher dispatcher = current.createDispatcher(this::onMessage);
            dispatcher.subscribe(START);
            dispatcher.subscribe(inbox);
        }
        connection = current;
        answered = false;
        log.info("connected to NATS at {}: greeting routers", current.getConnectedUrl());
        greeter.execute(this::greetUnlessAnswered);
        registerAllWithin.accept(Duration.ZERO);
    }

    private void greetUnlessAnswered() {
        Connection current = connection;
        if (answered || current == null || current.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        try {
            current.publish(GREET, inbox, null);
        }
        catch (IllegalStateException closedMeanwhile) {
            // Greeted again after the reconnect.
        }
    }

    private void onMessage(Message message) {
        if (message.isStatusMessage()) {
            return;
        }
        var greeting = RouterGreeting.parse(message.getData());
        if (greeting.isEmpty()) {
            log.warn("ignored a message on {} that is not a router's greeting: {}", message.getSubject(),
                    preview(message.getData()));
            return;
        }
        heard(greeting.get().minimumRegisterInterval());
        if (START.equals(message.getSubject())) {
            log.info("router {} started: registering every route again", greeting.get().id());
            registerAllWithin.accept(properties.startJitter());
        }
        else {
            answered = true;
        }
    }

    private synchronized void heard(Duration interval) {
        if (smallestInterval == null || interval.compareTo(smallestInterval) < 0) {
            log.info("routers ask for registrations every {} s", interval.toSeconds());
            smallestInterval = interval;
        }
    }

    private static String preview(byte[] data) {
        if (data == null) {
            return "(empty)";
        }
        String text = new String(data, 0, Math.min(data.length, 200), StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    private final class Listener implements ConnectionListener {

        private boolean subscribed;

        @Override
        public void connectionEvent(Connection conn, Events type) {
            if (type == Events.CONNECTED || type == Events.RECONNECTED) {
                connected(conn, !subscribed);
                subscribed = true;
            }
            else if (type == Events.DISCONNECTED) {
                log.warn("lost the connection to NATS; reconnecting");
            }
        }

    }

}
