package io.corral.receptor.common;

import java.util.function.Function;

/**
 * A slice of a batch of decisions, each about one record, in the caller's transaction:
 * each is taken or refused on its own, and what was taken is then written together.
 *
 * @param <D> a decision
 * @param <R> the record as the decision leaves it
 */
public interface DecisionSlice<D, R> {

    /**
     * Takes {@code decision}, answering the record as it will be written; refuses it by
     * throwing, with nothing to write.
     */
    R take(D decision);

    /**
     * Writes every decision taken; one that lost a race to another writer throws Spring's
     * {@code ConcurrencyFailureException}, the transaction to be rolled back.
     */
    void write();

    /** A slice whose decisions are written as each is taken. */
    static <D, R> DecisionSlice<D, R> writtenAsTaken(Function<D, R> take) {
        return new DecisionSlice<>() {
            @Override
            public R take(D decision) {
                return take.apply(decision);
            }

            @Override
            public void write() {
            }
        };
    }

}
