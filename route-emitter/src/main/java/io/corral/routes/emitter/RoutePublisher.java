package io.corral.routes.emitter;

import io.corral.routes.table.Endpoint;
import java.time.Duration;
import java.util.function.Consumer;

/** Where routes are published: NATS, or nowhere when no NATS server is configured. */
public interface RoutePublisher {

    /** Publishes nothing: the route table is served over HTTP only. */
    RoutePublisher NONE = new RoutePublisher() {

        @Override
        public void register(Endpoint endpoint) {
        }

        @Override
        public void unregister(Endpoint endpoint) {
        }

        @Override
        public Duration registerInterval(Duration fallback) {
            return fallback;
        }

        @Override
        public void onRoutersNeedEverything(Consumer<Duration> registerAllWithin) {
        }
    };

    void register(Endpoint endpoint);

    void unregister(Endpoint endpoint);

    /**
     * The shortest interval routers asked for, else {@code fallback}.
     */
    Duration registerInterval(Duration fallback);

    /**
     * {@code registerAllWithin} is called with a delay bound when routers need every
     * route at once: a router started, or the connection to NATS is new.
     */
    void onRoutersNeedEverything(Consumer<Duration> registerAllWithin);

}
