package io.corral.receptor.events;

import io.corral.receptor.api.event.RecordKind;
import io.corral.receptor.client.ReceptorJson;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
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

    private static final String INSERT = "INSERT INTO events (id, type, data) VALUES (" + FIRST_ID_OF_TRANSACTION
            + " + ?, ?, ?)";

    private final JdbcTemplate jdbc;

    public EventPublisher(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
            jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int place) throws SQLException {
                    ps.setInt(1, place);
                    ps.setString(2, pending.get(place).type());
                    ps.setString(3, pending.get(place).data());
                }

                @Override
                public int getBatchSize() {
                    return pending.size();
                }
            });
            jdbc.queryForObject("SELECT pg_notify(?, '')", Object.class, CHANNEL);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(EventPublisher.this);
        }

    }

}
