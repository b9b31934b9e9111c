package io.corral.receptor.lrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransactionGroupsTest {

    /** Pieces each of whose work is its own, done one after another. */
    private static final TransactionGroups.Batch<Supplier<String>, String> EACH_IN_TURN = works -> works.stream()
        .map(Supplier::get)
        .toList();

    private final Database database = new Database();

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aPieceWithNoOtherWaitingRunsAloneOnItsCallersThread() {
        TransactionGroups groups = new TransactionGroups(database, 2, 32, Database::unreachable);
        Thread caller = Thread.currentThread();

        String answer = run(groups, () -> database.write(Thread.currentThread() == caller ? "here" : "elsewhere"));

        assertThat(answer).isEqualTo("here");
        assertThat(database.committed).containsExactly(List.of("here"));
    }

    @Test
    void piecesThatComeWhileTheSlotsAreBusyAreWrittenTogetherAndEachGetsItsOwnAnswer() throws Exception {
        TransactionGroups groups = new TransactionGroups(database, 1, 32, Database::unreachable);
        Held first = hold(groups, () -> database.write("first"));
        List<Future<String>> waiting = fiveWaiting(groups);

        first.release();

        assertThat(first.answer().get(5, TimeUnit.SECONDS)).isEqualTo("first");
        for (int i = 0; i < 5; i++) {
            assertThat(waiting.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("waiting-" + i);
        }
        assertThat(database.committed).hasSize(2)
            .contains(List.of("first"))
            .anySatisfy(group -> assertThat(group).containsExactlyInAnyOrder("waiting-0", "waiting-1", "waiting-2",
                    "waiting-3", "waiting-4"));
    }

    @Test
    void aGroupWithAFailingPieceCommitsNothingAndEachPieceThenRunsAlone() throws Exception {
        TransactionGroups groups = new TransactionGroups(database, 1, 32, Database::unreachable);
        Held first = hold(groups, () -> database.write("first"));
        Future<String> good = callers.submit(() -> run(groups, () -> database.write("good")));
        Future<String> bad = callers.submit(() -> run(groups, () -> {
            database.write("bad");
            throw new IllegalArgumentException("refused");
        }));
        awaitQueued(groups, 2);

        first.release();

        assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo("good");
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("refused");
        assertThat(database.committed).containsExactlyInAnyOrder(List.of("first"), List.of("good"));
    }

    @Test
    void aGroupWhoseCommitFailsHasEachPieceRunAlone() throws Exception {
        TransactionGroups groups = new TransactionGroups(database, 1, 32, Database::unreachable);
        database.failCommit = transaction -> transaction.size() > 1;
        Held first = hold(groups, () -> database.write("first"));
        Future<String> one = callers.submit(() -> run(groups, () -> database.write("one")));
        Future<String> two = callers.submit(() -> run(groups, () -> database.write("two")));
        awaitQueued(groups, 2);

        first.release();

        assertThat(one.get(5, TimeUnit.SECONDS)).isEqualTo("one");
        assertThat(two.get(5, TimeUnit.SECONDS)).isEqualTo("two");
        assertThat(database.committed).containsExactlyInAnyOrder(List.of("first"), List.of("one"), List.of("two"));
    }

    @Test
    void theDatabaseOutOfReachFailsTheWaitingPiecesAtOnceWithoutATransactionEach() throws Exception {
        TransactionGroups groups = new TransactionGroups(database, 1, 2, Database::unreachable);
        Held first = hold(groups, () -> {
            throw new Unreachable();
        });
        List<Future<String>> waiting = fiveWaiting(groups);

        first.release();

        assertThatThrownBy(() -> first.answer().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(Unreachable.class);
        for (Future<String> piece : waiting) {
            assertThatThrownBy(() -> piece.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(Unreachable.class);
        }
        assertThat(database.transactions.get()).isEqualTo(1);
    }

    @Test
    void aPieceThatFailsAloneFailsItsCallerWithItsOwnException() {
        TransactionGroups groups = new TransactionGroups(database, 2, 32, Database::unreachable);

        assertThatThrownBy(() -> run(groups, () -> {
            throw new IllegalStateException("conflict");
        })).isInstanceOf(IllegalStateException.class).hasMessage("conflict");
        assertThat(database.committed).isEmpty();
    }

    @Test
    void piecesOfOneBatchInAGroupAreWrittenByOneCallBesideOtherWork() throws Exception {
        TransactionGroups groups = new TransactionGroups(database, 1, 32, Database::unreachable);
        List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        TransactionGroups.Batch<String, String> upperCase = names -> {
            calls.add(names);
            return names.stream().map(name -> database.write(name.toUpperCase(Locale.ROOT))).toList();
        };
        Held first = hold(groups, () -> database.write("first"));
        Future<String> a = callers.submit(() -> groups.run(upperCase, "a"));
        Future<String> other = callers.submit(() -> run(groups, () -> database.write("other")));
        Future<String> b = callers.submit(() -> groups.run(upperCase, "b"));
        awaitQueued(groups, 3);

        first.release();

        assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo("A");
        assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo("B");
        assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("other");
        assertThat(calls).containsExactly(List.of("a", "b"));
        assertThat(database.committed).containsExactlyInAnyOrder(List.of("first"), List.of("A", "B", "other"));
    }

    @Test
    void aBatchThatRefusesAnyOfItsPiecesHasEachWrittenAloneToBeRefusedOnItsOwn() throws Exception {
        TransactionGroups groups = new TransactionGroups(database, 1, 32, Database::unreachable);
        TransactionGroups.Batch<String, String> refusingBad = names -> names.stream().map(name -> {
            database.write(name);
            if (name.equals("bad")) {
                throw new IllegalArgumentException("refused");
            }
            return name;
        }).toList();
        Held first = hold(groups, () -> database.write("first"));
        Future<String> good = callers.submit(() -> groups.run(refusingBad, "good"));
        Future<String> bad = callers.submit(() -> groups.run(refusingBad, "bad"));
        awaitQueued(groups, 2);

        first.release();

        assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo("good");
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("refused");
        assertThat(database.committed).containsExactlyInAnyOrder(List.of("first"), List.of("good"));
    }

    @Property(tries = 40)
    void everyAnswerIsCommittedOnceAndEveryRefusalNeverInGroupsOfAtMostTheirSize(
            @ForAll @IntRange(min = 1, max = 4) int concurrency, @ForAll @IntRange(min = 1, max = 8) int maxSize,
            @ForAll @IntRange(min = 1, max = 12) int threads) throws Exception {
        Database db = new Database();
        TransactionGroups groups = new TransactionGroups(db, concurrency, maxSize, Database::unreachable);
        Map<String, Boolean> answered = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String name = thread + "-" + i;
                        try {
                            answered.put(run(groups, piece(db, name, i % 7 == 3)), true);
                        }
                        catch (IllegalArgumentException refused) {
                            answered.put(name, false);
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }

        List<String> written = db.committed.stream().flatMap(List::stream).toList();
        assertThat(answered).hasSize(threads * 50);
        assertThat(written).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(
                    answered.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
        assertThat(db.committed).allSatisfy(transaction -> assertThat(transaction).hasSizeLessThanOrEqualTo(maxSize));
    }

    /**
     * Starts a piece that holds the only slot, doing its work once released, and waits
     * until it is at work.
     */
    private static String run(TransactionGroups groups, Supplier<String> work) {
        return groups.run(EACH_IN_TURN, work);
    }

    private Held hold(TransactionGroups groups, Supplier<String> work) throws InterruptedException {
        CountDownLatch atWork = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> answer = callers.submit(() -> run(groups, () -> {
            atWork.countDown();
            await(release);
            return work.get();
        }));
        atWork.await();
        return new Held(answer, release);
    }

    /** Five pieces, "waiting-0" to "waiting-4", once all wait for a group. */
    private List<Future<String>> fiveWaiting(TransactionGroups groups) throws InterruptedException {
        List<Future<String>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "waiting-" + i;
            waiting.add(callers.submit(() -> run(groups, () -> database.write(name))));
        }
        awaitQueued(groups, 5);
        return waiting;
    }

    private record Held(Future<String> answer, CountDownLatch latch) {

        void release() {
            latch.countDown();
        }

    }

    private static Supplier<String> piece(Database db, String name, boolean refused) {
        return () -> {
            db.write(name);
            if (refused) {
                throw new IllegalArgumentException("refused " + name);
            }
            return name;
        };
    }

    private static void awaitQueued(TransactionGroups groups, int pieces) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (groups.waiting() < pieces) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pieces + " pieces never waited");
            }
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Unreachable extends RuntimeException {

    }

    /** Transactions as lists of what their pieces wrote, kept only when they commit. */
    private static final class Database implements TransactionGroups.Transactions {

        final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());

        final AtomicInteger transactions = new AtomicInteger();

        private final ThreadLocal<List<String>> current = new ThreadLocal<>();

        volatile Predicate<List<String>> failCommit = transaction -> false;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            transactions.incrementAndGet();
            List<String> transaction = new ArrayList<>();
            current.set(transaction);
            try {
                T answer = work.get();
                if (failCommit.test(transaction)) {
                    throw new IllegalStateException("the commit failed");
                }
                committed.add(List.copyOf(transaction));
                return answer;
            }
            finally {
                current.remove();
            }
        }

        String write(String effect) {
            current.get().add(effect);
            return effect;
        }

        static boolean unreachable(Throwable failure) {
            return failure instanceof Unreachable;
        }

    }

}
