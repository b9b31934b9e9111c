package io.corral.receptor.lrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Writes that come while another is at work (single assignments, a cell's reports) wait
 * and are then written in one transaction, each answered as alone; when one of them is
 * refused, none of the group is kept and each is written alone. With one group at work at
 * a time, a write held on a row lock makes the others wait: what they do next is then
 * certain.
 */
@TestPropertySource(properties = "corral.writes.concurrency=1")
class WriteGroupsIntegrationTest extends ReceptorIntegrationTest {

    private static final int WAITING = 12;

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private MeterRegistry meters;

    private final ExecutorService clients = Executors.newFixedThreadPool(WAITING + 1);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void writesThatWaitedAreWrittenInOneTransactionEachWithItsOwnAnswer() throws Exception {
        String processGuid = desired("grouped");
        List<Future<ActualLrp>> answers = whileIndexZeroIsLocked(processGuid, index -> assignment(processGuid, index));

        for (int index = 0; index <= WAITING; index++) {
            assertThat(answers.get(index).get(20, TimeUnit.SECONDS)).extracting(ActualLrp::index, ActualLrp::cellId)
                .containsExactly(index, "cell-a");
        }
        assertThat(transactionsOfChanges(processGuid)).as("index 0 alone, then the %d that waited together", WAITING)
            .isEqualTo(2);
        assertThat(changeEvents(processGuid)).isEqualTo(WAITING + 1);
    }

    @Test
    void aRefusedWriteInAGroupLeavesTheOthersToBeWrittenAloneAndGetsItsOwnRefusal() throws Exception {
        String processGuid = desired("refused");
        List<Future<ActualLrp>> answers = whileIndexZeroIsLocked(processGuid,
                index -> index == 5 ? staleAssignment(processGuid, index) : assignment(processGuid, index));

        for (int index = 0; index <= WAITING; index++) {
            if (index == 5) {
                Future<ActualLrp> refused = answers.get(index);
                assertThat(failure(refused)).isInstanceOfSatisfying(ReceptorException.class,
                        e -> assertThat(e.status()).isEqualTo(409));
            }
            else {
                assertThat(answers.get(index).get(20, TimeUnit.SECONDS).cellId()).isEqualTo("cell-a");
            }
        }
        assertThat(transactionsOfChanges(processGuid)).as("each written alone").isEqualTo(WAITING);
        assertThat(changeEvents(processGuid)).isEqualTo(WAITING);
    }

    @Test
    void claimsThatWaitedAreWrittenInOneTransactionEachWithItsOwnAnswer() throws Exception {
        String processGuid = desired("claims");
        List<ActualLrp> assigned = assignedToCellA(processGuid);
        int transactionsBefore = transactionsOfChanges(processGuid);

        List<Future<ActualLrp>> answers = whileIndexZeroIsLocked(processGuid, index -> claim(assigned.get(index)));

        for (int index = 0; index <= WAITING; index++) {
            assertThat(answers.get(index).get(20, TimeUnit.SECONDS)).extracting(ActualLrp::index, ActualLrp::state)
                .containsExactly(index, ActualLrpState.CLAIMED);
        }
        assertThat(transactionsOfChanges(processGuid) - transactionsBefore)
            .as("index 0 alone, then the %d that waited together", WAITING)
            .isEqualTo(2);
    }

    @Test
    void claimsAndStartsThatWaitedAreReadAndWrittenTogetherEachWithItsOwnAnswer() throws Exception {
        String processGuid = desired("reports");
        List<ActualLrp> assigned = assignedToCellA(processGuid);
        List<ActualLrp> claimedOddOnes = assigned.stream().map(lrp -> lrp.index() % 2 == 1 ? claim(lrp) : lrp).toList();
        int transactionsBefore = transactionsOfChanges(processGuid);

        List<Future<ActualLrp>> answers = whileIndexZeroIsLocked(processGuid, index -> {
            ActualLrp instance = claimedOddOnes.get(index);
            return index % 2 == 1 ? start(instance) : claim(instance);
        });

        for (int index = 0; index <= WAITING; index++) {
            ActualLrp answer = answers.get(index).get(20, TimeUnit.SECONDS);
            assertThat(answer.state()).isEqualTo(index % 2 == 1 ? ActualLrpState.RUNNING : ActualLrpState.CLAIMED);
            assertThat(receptor().actualLrp(processGuid, index)).isEqualTo(answer);
        }
        assertThat(transactionsOfChanges(processGuid) - transactionsBefore)
            .as("index 0 alone, then the %d that waited together", WAITING)
            .isEqualTo(2);
    }

    @Test
    void aStaleClaimInAGroupLeavesTheOthersToBeWrittenAloneAndGetsItsOwnRefusal() throws Exception {
        String processGuid = desired("stale-claim");
        ActualLrp unassigned = receptor().actualLrp(processGuid, 5);
        List<ActualLrp> assigned = assignedToCellA(processGuid);
        int transactionsBefore = transactionsOfChanges(processGuid);

        List<Future<ActualLrp>> answers = whileIndexZeroIsLocked(processGuid,
                index -> claim(index == 5 ? unassigned : assigned.get(index)));

        for (int index = 0; index <= WAITING; index++) {
            if (index == 5) {
                assertThat(failure(answers.get(index))).isInstanceOfSatisfying(ReceptorException.class,
                        e -> assertThat(e.status()).isEqualTo(409));
            }
            else {
                assertThat(answers.get(index).get(20, TimeUnit.SECONDS).state()).isEqualTo(ActualLrpState.CLAIMED);
            }
        }
        assertThat(transactionsOfChanges(processGuid) - transactionsBefore).as("each written alone").isEqualTo(WAITING);
        assertThat(receptor().actualLrp(processGuid, 5).state()).isEqualTo(ActualLrpState.UNCLAIMED);
    }

    private String desired(String prefix) {
        String processGuid = prefix + "-" + System.nanoTime();
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of(), 300));
        receptor.desireLrp(ApiFixtures.desiredLrp(processGuid, WAITING + 1));
        return processGuid;
    }

    /**
     * Sends the request for index 0 while the test holds that instance's row, waits until
     * the requests for every other index wait behind it, then lets it go.
     */
    private List<Future<ActualLrp>> whileIndexZeroIsLocked(String processGuid, Request request) throws Exception {
        List<Future<ActualLrp>> answers = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT 1 FROM actual_lrps WHERE process_guid = ? AND instance_index = 0 FOR UPDATE")) {
                lock.setString(1, processGuid);
                lock.executeQuery().close();
            }
            answers.add(clients.submit(() -> request.send(0)));
            Eventually.await(WITHIN, "the write of index 0 waits for its row", () -> waitingOnALock() == 1);
            for (int index = 1; index <= WAITING; index++) {
                int at = index;
                answers.add(clients.submit(() -> request.send(at)));
            }
            Eventually.await(WITHIN, "the other writes wait for a group", () -> waitingWrites() == WAITING);
            holder.rollback();
        }
        return answers;
    }

    private ActualLrp assignment(String processGuid, int index) {
        ActualLrp unclaimed = receptor().actualLrp(processGuid, index);
        return receptor().assign(processGuid, index, new Assignment(unclaimed.instanceGuid(), "cell-a", null));
    }

    private List<ActualLrp> assignedToCellA(String processGuid) {
        List<ActualLrp> assigned = new ArrayList<>();
        for (int index = 0; index <= WAITING; index++) {
            assigned.add(assignment(processGuid, index));
        }
        return assigned;
    }

    private ActualLrp claim(ActualLrp instance) {
        return receptor().transition("cell-a", instance.processGuid(), instance.index(), "claim",
                ApiFixtures.transition(instance));
    }

    private ActualLrp start(ActualLrp claimed) {
        return receptor().transition("cell-a", claimed.processGuid(), claimed.index(), "start", new InstanceTransition(
                claimed.instanceGuid(), claimed.modificationTag(), "10.0.0.9", List.of(), null, null));
    }

    private ActualLrp staleAssignment(String processGuid, int index) {
        return receptor().assign(processGuid, index, new Assignment("an-earlier-instance", "cell-a", null));
    }

    private int waitingOnALock() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'", Integer.class);
    }

    private double waitingWrites() {
        return meters.get("corral.writes.waiting").gauge().value();
    }

    private int transactionsOfChanges(String processGuid) {
        return jdbc.queryForObject(
                "SELECT count(DISTINCT id >> 24) FROM events WHERE type = 'actual_lrp_changed'" + " AND data LIKE ?",
                Integer.class, "%" + processGuid + "%");
    }

    private int changeEvents(String processGuid) {
        return jdbc.queryForObject("SELECT count(*) FROM events WHERE type = 'actual_lrp_changed' AND data LIKE ?",
                Integer.class, "%" + processGuid + "%");
    }

    private static Throwable failure(Future<?> answer) throws InterruptedException {
        try {
            answer.get(20, TimeUnit.SECONDS);
            throw new AssertionError("the request succeeded");
        }
        catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    @FunctionalInterface
    private interface Request {

        ActualLrp send(int index) throws Exception;

    }

}
