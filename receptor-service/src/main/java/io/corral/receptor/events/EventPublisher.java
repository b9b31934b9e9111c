package io.corral.receptor.events;

import io.corral.receptor.api.event.RecordKind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    private static final int MAX_EVENTS_PER_TRANSACTION = 1 << TRANSACTION_SHIFT;

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

    /**
     * For a change written in one statement with no transaction around it: a query of
     * that statement's {@code WITH} that writes {@code events} (bound by {@link #bind})
     * if {@code condition} holds, in the statement's own transaction. Once the statement
     * has run, {@link #written()}.
     */
    public static String insertWhere(String condition) {
        return INSERT + " WHERE " + condition;
    }

    /**
     * Binds {@code events}, in order, at {@code column} and the next one of a statement
     * with {@link #insertWhere}; answers the column after them.
     */
    public static int bind(PreparedStatement statement, int column, List<OutboxEvent> events) throws SQLException {
        if (events.size() > MAX_EVENTS_PER_TRANSACTION) {
            throw new IllegalStateException(
                    events.size() + " events in one transaction; at most " + MAX_EVENTS_PER_TRANSACTION + " fit");
        }
        // Java arrays go in the driver's binary form, with no escaping of the JSON.
        statement.setObject(column, events.stream().map(OutboxEvent::type).toArray(String[]::new));
        statement.setObject(column + 1, events.stream().map(OutboxEvent::data).toArray(String[]::new));
        return column + 2;
    }

    /**
     * Events written by a statement of the caller's ({@link #insertWhere}) were
     * committed.
     */
    public void written() {
        notifier.signal();
    }

    void publish(OutboxEvent event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("events must be published inside the transaction of their change");
        }
        pendingEvents().add(event);
    }

    private List<OutboxEvent> pendingEvents() {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> pending = (List<OutboxEvent>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<OutboxEvent> created = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new Flush(created));
            pending = created;
        }
        return pending;
    }

    private final class Flush implements TransactionSynchronization {

        private final List<OutboxEvent> pending;

        Flush(List<OutboxEvent> pending) {
            this.pending = pending;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            jdbc.update(INSERT, statement -> bind(statement, 1, pending));
        }

        /**
         * Not inside the transaction: PostgreSQL would make every notifying commit wait
         * for the others.
         */
        @Override
        public void afterCommit() {
            written();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(EventPublisher.this);
        }

    }

}
