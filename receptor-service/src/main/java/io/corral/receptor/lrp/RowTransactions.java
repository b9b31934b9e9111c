package io.corral.receptor.lrp;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction on the JDBC connection alone, for a cell's reports and single placement
 * decisions, which read and write rows and nothing through JPA: JPA's transaction created
 * and closed an entity manager for each, 7% of a claim's request CPU
 * (docs/performance.md). Events and their notification take part as in any transaction.
 * Only for work that starts its own transaction: inside a JPA transaction this one would
 * not join it.
 */
@Component
class RowTransactions {

    private final TransactionTemplate template;

    RowTransactions(DataSource dataSource) {
        this.template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    <T> T run(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a row transaction cannot join the caller's transaction");
        }
        return template.execute(status -> work.get());
    }

}
