package io.corral.receptor.lrp;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a convergence step's work a batch per transaction, so no pass holds row locks (or
 * holds back the event stream, which waits for older transactions) for longer than one
 * batch takes.
 */
@Component
class ConvergenceBatches {

    static final int SIZE = 500;

    private static final UUID BEFORE_ALL = new UUID(0, 0);

    private final TransactionTemplate transactions;

    ConvergenceBatches(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Walks the instances {@code page} finds after an id, in id order, and hands each to
     * {@code fix}, which answers whether it changed it; returns how many were changed.
     */
    int instances(BiFunction<UUID, Limit, List<ActualLrpEntity>> page, Predicate<ActualLrpEntity> fix) {
        return pages(page, ActualLrpEntity::id, found -> {
            int fixed = 0;
            for (ActualLrpEntity instance : found) {
                fixed += fix.test(instance) ? 1 : 0;
            }
            return fixed;
        });
    }

    /**
     * Walks the rows {@code page} finds after an id, in id order, and hands each page to
     * {@code fix}, which answers how many it changed; the next page starts after the last
     * row found, whether {@code fix} changed it or not. Returns how many were changed.
     */
    <T> int pages(BiFunction<UUID, Limit, List<T>> page, Function<T, UUID> id, ToIntFunction<List<T>> fix) {
        int changed = 0;
        UUID after = BEFORE_ALL;
        while (after != null) {
            UUID from = after;
            Batch batch = transactions.execute(status -> {
                List<T> found = page.apply(from, Limit.of(SIZE));
                int fixed = fix.applyAsInt(found);
                UUID last = found.size() < SIZE ? null : id.apply(found.get(found.size() - 1));
                return new Batch(last, fixed);
            });
            changed += batch.changed();
            after = batch.last();
        }
        return changed;
    }

    /**
     * Hands {@code items} to {@code fix} in batches, each in its own transaction; returns
     * the changes it counts.
     */
    <T> int each(List<T> items, ToIntFunction<List<T>> fix) {
        int changed = 0;
        for (int from = 0; from < items.size(); from += SIZE) {
            List<T> batch = items.subList(from, Math.min(from + SIZE, items.size()));
            changed += transactions.execute(status -> fix.applyAsInt(batch));
        }
        return changed;
    }

    private record Batch(UUID last, int changed) {
    }

}
