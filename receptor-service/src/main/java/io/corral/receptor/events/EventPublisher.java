package io.corral.receptor.events;

import io.corral.receptor.client.ReceptorJson;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records events in the {@code events} outbox as part of the transaction that made the change, so
 * an event exists exactly when its change committed.
 *
 * <p>Events are written just before commit under a transaction-scoped advisory lock: ids are then
 * handed out in commit order, and a reader that has seen id N never later finds an id below N.
 */
@Component
public class EventPublisher {

    static final String CHANNEL = "corral_events";
    private static final long OUTBOX_LOCK = 0x636f7272616cL;

    private final JdbcTemplate jdbc;
    private final EntityManager entityManager;

    public EventPublisher(JdbcTemplate jdbc, EntityManager entityManager) {
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    /** A created or removed record: {@code type} is e.g. {@code actual_lrp_created}, {@code key} {@code actual_lrp}. */
    public void publish(String type, String key, Object value) {
        publish(type, Map.of(key, value));
    }

    public void changed(String type, String key, Object before, Object after) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key + "_before", before);
        data.put(key + "_after", after);
        publish(type, data);
    }

    private void publish(String type, Object data) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("events must be published inside the transaction of their change");
        }
        pendingEvents().add(new PendingEvent(type, ReceptorJson.mapper().writeValueAsString(data)));
    }

    private List<PendingEvent> pendingEvents() {
        @SuppressWarnings("unchecked")
        List<PendingEvent> pending = (List<PendingEvent>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<PendingEvent> created = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new Flush(created));
            pending = created;
        }
        return pending;
    }

    private record PendingEvent(String type, String data) {
    }

    private final class Flush implements TransactionSynchronization {

        private final List<PendingEvent> pending;

        Flush(List<PendingEvent> pending) {
            this.pending = pending;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            // Row locks first, the outbox lock last: holding the outbox lock never waits on a row.
            entityManager.flush();
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, OUTBOX_LOCK);
            jdbc.batchUpdate("INSERT INTO events (type, data) VALUES (?, ?)", pending, 500, (ps, event) -> {
                ps.setString(1, event.type());
                ps.setString(2, event.data());
            });
            jdbc.queryForObject("SELECT pg_notify(?, '')", Object.class, CHANNEL);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(EventPublisher.this);
        }
    }
}
