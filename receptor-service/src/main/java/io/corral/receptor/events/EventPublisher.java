package io.corral.receptor.events;

import io.corral.receptor.api.event.RecordKind;
import io.corral.receptor.client.ReceptorJson;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records events in the {@code events} outbox as part of the transaction that made the
 * change, so an event exists exactly when its change committed.
 *
 * <p>
 * An event's id is its transaction's id (plus {@link EventIdOffset}) shifted left by
 * {@link #TRANSACTION_SHIFT} bits plus its place in the transaction. {@link EventStore}
 * reads only below the {@link EventHorizon}: every event there is final and every event
 * still to come lands above it, so a reader that has seen id N never later finds an id
 * below N. Writers never wait for each other.
 */
@Component
public class EventPublisher {

    static final String CHANNEL = "corral_events";

    /**
     * Room for 2^24 events in one transaction; transaction ids (plus the offset) below
     * 2^39 fit a bigint id.
     */
    static final int TRANSACTION_SHIFT = 24;

    /**
     * The id of the current transaction's first event: see {@link EventIdOffset} for the
     * offset.
     */
    static final String FIRST_ID_OF_TRANSACTION = "((pg_current_xact_id()::text::bigint"
            + " + (SELECT xid_offset FROM event_id_offset)) << " + TRANSACTION_SHIFT + ")";

    /**
     * A transaction's events in one statement: types and data as two arrays, in order.
     */
    private static final String INSERT = "INSERT INTO events (id, type, data) SELECT " + FIRST_ID_OF_TRANSACTION
            + " + e.place - 1, e.type, e.data FROM unnest(?::varchar[], ?::text[]) WITH ORDINALITY AS e (type, data, place)";

    private final JdbcTemplate jdbc;

    private final EventNotifier notifier;

    public EventPublisher(JdbcTemplate jdbc, EventNotifier notifier) {
        this.jdbc = jdbc;
        this.notifier = notifier;
    }

    /** The events of one kind of record, e.g. {@link RecordKind#TASK}. */
    public <T> RecordEvents<T> of(RecordKind<T> kind) {
        return new RecordEvents<>(this, kind);
    }

    void publish(String type, Object data) {
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
            if (pending.size() > 1 << TRANSACTION_SHIFT) {
                throw new IllegalStateException(
                        pending.size() + " events in one transaction; at most " + (1 << TRANSACTION_SHIFT) + " fit");
            }
            String[] types = pending.stream().map(PendingEvent::type).toArray(String[]::new);
            String[] data = pending.stream().map(PendingEvent::data).toArray(String[]::new);
            jdbc.update(INSERT, statement -> {
                statement.setArray(1, statement.getConnection().createArrayOf("varchar", types));
                statement.setArray(2, statement.getConnection().createArrayOf("text", data));
            });
        }

        /**
         * Not inside the transaction: PostgreSQL would make every notifying commit wait
         * for the others.
         */
        @Override
        public void afterCommit() {
            notifier.signal();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(EventPublisher.this);
        }

    }

}
