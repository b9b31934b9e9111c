package io.corral.receptor.cell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.api.Cell;
import io.corral.testsupport.ApiFixtures;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A heartbeat that PostgreSQL rolls back to end a deadlock is run again, as the race of a
 * suspect's return with its replacement's start showed (CellLossIntegrationTest).
 */
class HeartbeatDeadlockTest {

    private static final Cell HEARTBEAT = ApiFixtures.cell("cell-a", "z1", List.of());

    @Test
    void aHeartbeatRolledBackToEndADeadlockRunsAgain() {
        DeadlockingTransactions transactions = new DeadlockingTransactions(2);

        assertThat(new CellService(null, null, null, List.of(), transactions).heartbeat("cell-a", HEARTBEAT))
            .isSameAs(HEARTBEAT);
        assertThat(transactions.runs.get()).isEqualTo(3);
    }

    @Test
    void aHeartbeatThatKeepsMeetingDeadlocksGivesUpAfterThreeRuns() {
        DeadlockingTransactions transactions = new DeadlockingTransactions(3);

        assertThatThrownBy(
                () -> new CellService(null, null, null, List.of(), transactions).heartbeat("cell-a", HEARTBEAT))
            .isInstanceOf(CannotAcquireLockException.class);
        assertThat(transactions.runs.get()).isEqualTo(3);
    }

    /**
     * Ends the first {@code deadlocks} transactions as PostgreSQL ends a deadlock's
     * loser.
     */
    private static final class DeadlockingTransactions extends TransactionTemplate {

        private final int deadlocks;

        private final AtomicInteger runs = new AtomicInteger();

        DeadlockingTransactions(int deadlocks) {
            this.deadlocks = deadlocks;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T execute(TransactionCallback<T> action) throws TransactionException {
            if (runs.incrementAndGet() <= deadlocks) {
                throw new CannotAcquireLockException("ERROR: deadlock detected");
            }
            return (T) HEARTBEAT;
        }

    }

}
