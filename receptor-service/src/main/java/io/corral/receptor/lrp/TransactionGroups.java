package io.corral.receptor.lrp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs concurrent pieces of work that each want a transaction of their own in fewer
 * transactions: at most {@code concurrency} groups do their work at once, and the pieces
 * that come meanwhile wait and are then written together, up to {@code maxSize} in one
 * transaction, which commits once for all of them, with their events in one statement.
 * Either the whole group commits, or none of it does and each of its pieces then runs
 * alone, on its caller's thread, as it would have without groups: a piece that fails, or
 * a commit that fails, never decides another piece's outcome. A piece with no other
 * waiting runs alone at once. The one exception: a failure that would end every piece
 * alike (the database out of reach) ends the group's pieces, and those waiting, at once,
 * rather than have each wait to fail again.
 *
 * <p>
 * Pieces of one {@link Batch} in a group are written by one call of it, which may read
 * and write the rows of all of them in one statement each; the batches of a group are
 * written one after another.
 *
 * <p>
 * No thread of its own: the caller whose piece finds a free slot writes the group at the
 * head of the queue and, once the group's work is done and only its commit is left, hands
 * the slot to the first piece still waiting, whose caller writes the next group while the
 * first commits. A caller writes one group per turn, so none waits behind a stream of
 * others' pieces.
 */
final class TransactionGroups {

    private final Transactions transactions;

    private final int concurrency;

    private final int maxSize;

    private final Predicate<Throwable> endsEveryPiece;

    private final Queue<Piece<?, ?>> queue = new ArrayDeque<>();

    private int writing;

    TransactionGroups(Transactions transactions, int concurrency, int maxSize, Predicate<Throwable> endsEveryPiece) {
        if (concurrency < 1 || maxSize < 1) {
            throw new IllegalArgumentException("concurrency and maxSize must be at least 1");
        }
        this.transactions = transactions;
        this.concurrency = concurrency;
        this.maxSize = maxSize;
        this.endsEveryPiece = endsEveryPiece;
    }

    /**
     * Writes {@code input} with {@code batch} in a transaction, alone or in a group
     * beside other pieces of the same batch; answers its output.
     */
    <I, O> O run(Batch<I, O> batch, I input) {
        Piece<I, O> piece = new Piece<>(batch, input);
        boolean write = enqueue(piece);
        while (true) {
            if (write) {
                writeNextGroup();
            }
            if (!piece.awaitTurnOrDone()) {
                return piece.outcome(transactions);
            }
            write = true;
        }
    }

    /** How many pieces wait for a group. */
    synchronized int waiting() {
        return queue.size();
    }

    private synchronized boolean enqueue(Piece<?, ?> piece) {
        queue.add(piece);
        if (writing < concurrency) {
            writing++;
            return true;
        }
        return false;
    }

    /**
     * Holding a slot: writes the group at the head of the queue, if any, handing the slot
     * on once its pieces' work is done, so the next group's work runs while this one
     * commits.
     */
    private void writeNextGroup() {
        Turn turn = new Turn();
        try {
            List<Piece<?, ?>> group = takeGroup(maxSize);
            if (!group.isEmpty()) {
                write(group, turn);
            }
        }
        finally {
            turn.handOn();
        }
    }

    private synchronized List<Piece<?, ?>> takeGroup(int most) {
        List<Piece<?, ?>> group = new ArrayList<>(Math.min(queue.size(), most));
        while (group.size() < most && !queue.isEmpty()) {
            group.add(queue.remove());
        }
        return group;
    }

    /**
     * Gives the slot to the first waiting piece that has no turn yet (to the first, if
     * all have one: each turn is taken, and each writes one group and hands on once).
     */
    private synchronized void handOn() {
        if (queue.isEmpty()) {
            writing--;
            return;
        }
        queue.stream().filter(Piece::withoutTurn).findFirst().orElse(queue.peek()).takeTurn();
    }

    private void write(List<Piece<?, ?>> group, Turn turn) {
        Map<Piece<?, ?>, Object> answers;
        try {
            answers = transactions.inTransaction(() -> {
                Map<Piece<?, ?>, Object> each = new IdentityHashMap<>();
                byBatch(group).forEach((batch, pieces) -> write(batch, pieces, each));
                turn.handOn();
                return each;
            });
        }
        catch (RuntimeException | Error failed) {
            failed(group, failed);
            return;
        }
        group.forEach(piece -> piece.answer(answers.get(piece)));
    }

    private static Map<Batch<?, ?>, List<Piece<?, ?>>> byBatch(List<Piece<?, ?>> group) {
        Map<Batch<?, ?>, List<Piece<?, ?>>> byBatch = new LinkedHashMap<>();
        group.forEach(piece -> byBatch.computeIfAbsent(piece.batch, batch -> new ArrayList<>()).add(piece));
        return byBatch;
    }

    @SuppressWarnings("unchecked")
    private static void write(Batch<?, ?> batch, List<Piece<?, ?>> pieces, Map<Piece<?, ?>, Object> answers) {
        List<?> outputs = ((Batch<Object, ?>) batch).write(pieces.stream().<Object>map(piece -> piece.input).toList());
        if (outputs.size() != pieces.size()) {
            throw new IllegalStateException(outputs.size() + " outputs for " + pieces.size() + " inputs");
        }
        for (int i = 0; i < pieces.size(); i++) {
            answers.put(pieces.get(i), outputs.get(i));
        }
    }

    /**
     * A piece alone fails with its failure; the pieces of a group run alone, unless the
     * failure ends every piece alike.
     */
    private void failed(List<Piece<?, ?>> group, Throwable failed) {
        if (group.size() == 1 || endsEveryPiece.test(failed)) {
            group.forEach(piece -> piece.fail(failed));
            failWaitingIfEveryPieceWould(failed);
        }
        else {
            group.forEach(Piece::runAlone);
        }
    }

    private void failWaitingIfEveryPieceWould(Throwable failed) {
        if (endsEveryPiece.test(failed)) {
            takeGroup(Integer.MAX_VALUE).forEach(piece -> piece.fail(failed));
        }
    }

    /** A writer's slot, handed on once. */
    private final class Turn {

        private boolean handedOn;

        void handOn() {
            if (!handedOn) {
                handedOn = true;
                TransactionGroups.this.handOn();
            }
        }

    }

    /**
     * Writes of one kind that a group writes together: answers each input's output, in
     * order, or throws, when any of them fails, to have each written alone.
     */
    @FunctionalInterface
    interface Batch<I, O> {

        List<O> write(List<I> inputs);

    }

    /** Runs work in a transaction of its own. */
    @FunctionalInterface
    interface Transactions {

        <T> T inTransaction(Supplier<T> work);

    }

    /**
     * One caller's work, waiting for its outcome, for its turn to write a group, or to be
     * told to run alone.
     */
    private static final class Piece<I, O> {

        private final Batch<I, O> batch;

        private final I input;

        private int turns;

        private boolean done;

        private boolean alone;

        private Object answer;

        private Throwable failure;

        Piece(Batch<I, O> batch, I input) {
            this.batch = batch;
            this.input = input;
        }

        synchronized void takeTurn() {
            turns++;
            notifyAll();
        }

        synchronized boolean withoutTurn() {
            return turns == 0;
        }

        synchronized void answer(Object answer) {
            this.answer = answer;
            finish();
        }

        synchronized void fail(Throwable failure) {
            this.failure = failure;
            finish();
        }

        synchronized void runAlone() {
            alone = true;
            finish();
        }

        private void finish() {
            done = true;
            notifyAll();
        }

        /**
         * Waits, uninterrupted (a group may be writing this piece): answers true, taking
         * the turn, when it is this caller's turn to write a group (even once the piece
         * is done: the slot must be handed on), false once the piece is done.
         */
        synchronized boolean awaitTurnOrDone() {
            boolean interrupted = false;
            while (turns == 0 && !done) {
                try {
                    wait();
                }
                catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (turns == 0) {
                return false;
            }
            turns--;
            return true;
        }

        @SuppressWarnings("unchecked")
        O outcome(Transactions transactions) {
            synchronized (this) {
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (failure instanceof Error error) {
                    throw error;
                }
                if (!alone) {
                    return (O) answer;
                }
            }
            return transactions.inTransaction(() -> batch.write(List.of(input)).get(0));
        }

    }

}
