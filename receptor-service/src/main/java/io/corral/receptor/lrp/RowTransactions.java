package io.corral.receptor.lrp;

import io.corral.support.web.DatabaseFailures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction on the JDBC connection alone, for single placement decisions and cells'
 * reports, which read and write rows and nothing through JPA: JPA's transaction created
 * and closed an entity manager for each, 7% of a claim's request CPU
 * (docs/performance.md). Events and their notification take part as in any transaction.
 * Only for work that starts its own transaction: inside a JPA transaction this one would
 * not join it.
 */
@Component
class RowTransactions {

    private final TransactionTemplate template;

    private final TransactionGroups groups;

    RowTransactions(DataSource dataSource, WriteProperties properties, MeterRegistry meters) {
        this.template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.groups = new TransactionGroups(this::inTransaction, properties.concurrency(), properties.groupSize(),
                DatabaseFailures::isUnreachable);
        Gauge.builder("corral.writes.waiting", groups, TransactionGroups::waiting)
            .description("Writes waiting for a transaction group (corral.writes.concurrency groups are at work)")
            .register(meters);
    }

    /**
     * A transaction that concurrent writes of one instance each may share
     * ({@link TransactionGroups}, {@link WriteProperties}): {@code batch} writes the
     * inputs of all of a group's pieces of it at once, maybe on another caller's thread,
     * so it uses nothing bound to its own thread but the transaction.
     */
    <I, O> O shared(TransactionGroups.Batch<I, O> batch, I input) {
        requireNoTransaction();
        return groups.run(batch, input);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
    }

    /**
     * Refuses to run inside the caller's transaction: a write that is a transaction of
     * its own would commit with the caller's instead, and signal its events before that
     * commit.
     */
    static void requireNoTransaction() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("this write is a transaction of its own; it cannot join the caller's");
        }
    }

}
