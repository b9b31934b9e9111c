package io.corral.receptor.lrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes racing each other: exactly one wins where only one may, the others get 409,
 * never 500.
 */
class ConcurrentWritesIntegrationTest extends ReceptorIntegrationTest {

    private static final int RACERS = 8;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcTemplate jdbc;

    @RepeatedTest(3)
    void exactlyOneOfConcurrentClaimsWinsAndTheOthersGetConflict() throws Exception {
        ReceptorClient receptor = receptor();
        String processGuid = "contended-" + System.nanoTime();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp(processGuid, 1));
        ActualLrp unclaimed = receptor.actualLrp(processGuid, 0);
        ActualLrp assigned = receptor.assign(processGuid, 0, new Assignment(unclaimed.instanceGuid(), "cell-a", null));
        InstanceTransition claim = ApiFixtures.transition(assigned);

        List<Integer> statuses = race(() -> receptor.transition("cell-a", processGuid, 0, "claim", claim));

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        ActualLrp claimed = receptor.actualLrp(processGuid, 0);
        assertThat(claimed.state()).isEqualTo(ActualLrpState.CLAIMED);
        assertThat(claimed.modificationTag().index()).isEqualTo(assigned.modificationTag().index() + 1);
    }

    @Test
    void concurrentDesiresOfOneProcessCreateItOnce() throws Exception {
        ReceptorClient receptor = receptor();

        List<Integer> statuses = race(() -> receptor.desireLrp(ApiFixtures.desiredLrp("desired-twice", 3)));

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(receptor.actualLrps("desired-twice")).extracting(ActualLrp::index).containsExactly(0, 1, 2);
        assertThat(jdbc.queryForList("""
                SELECT type || ' in ' || dense_rank() OVER (ORDER BY id >> 24) FROM events
                WHERE data LIKE '%"process_guid":"desired-twice"%' ORDER BY id""", String.class))
            .as("the one desire's events, written with it in one transaction; none of the refused ones'")
            .containsExactly("desired_lrp_created in 1", "actual_lrp_created in 1", "actual_lrp_created in 1",
                    "actual_lrp_created in 1");
    }

    @Test
    void concurrentFirstHeartbeatsOfACellAllSucceed() throws Exception {
        ReceptorClient receptor = receptor();

        List<Integer> statuses = race(
                () -> receptor.heartbeat("cell-new", ApiFixtures.cell("cell-new", "z2", List.of())));

        assertThat(statuses).containsOnly(200);
        assertThat(receptor.cells()).extracting(Cell::cellId).containsOnlyOnce("cell-new");
    }

    @Test
    void removingADesiredLrpWaitsForAConcurrentWriteOfItsInstanceAndSucceeds() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("removed-while-written", 2));

        whileInstanceIsBeingWritten("removed-while-written", 1,
                () -> receptor.removeDesiredLrp("removed-while-written"));

        assertThat(receptor.actualLrps("removed-while-written")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM actual_lrps WHERE process_guid = 'removed-while-written'",
                Long.class))
            .isZero();
    }

    @Test
    void scalingDownWaitsForAConcurrentWriteOfARetiredInstanceAndSucceeds() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("scaled-while-written", 2));

        whileInstanceIsBeingWritten("scaled-while-written", 1, () -> receptor.updateDesiredLrp("scaled-while-written",
                new DesiredLrpUpdate(1, null, null, null, null)));

        assertThat(receptor.actualLrps("scaled-while-written")).extracting(ActualLrp::index).containsExactly(0);
    }

    /**
     * Sends {@code request} while another connection holds an uncommitted write of the
     * instance at {@code index}, commits that write once the request waits for its row
     * lock, and returns when the request has succeeded.
     */
    private void whileInstanceIsBeingWritten(String processGuid, int index, Runnable request) throws Exception {
        try (Connection otherWriter = dataSource.getConnection(); Statement statement = otherWriter.createStatement()) {
            otherWriter.setAutoCommit(false);
            statement.executeUpdate("UPDATE actual_lrps SET cell_id = 'cell-a', modification_index = "
                    + "modification_index + 1 WHERE process_guid = '" + processGuid + "' AND instance_index = "
                    + index);
            CompletableFuture<Void> answer = CompletableFuture.runAsync(request);
            Eventually.await(Duration.ofSeconds(10), "the request waits for the other writer's row lock",
                    () -> jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND datname = current_database()", Long.class) > 0);
            otherWriter.commit();
            answer.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs {@code request} from {@link #RACERS} threads released together; 200 or the
     * error status of each.
     */
    private static List<Integer> race(Runnable request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        request.run();
                        return 200;
                    }
                    catch (ReceptorException e) {
                        return e.status();
                    }
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get());
            }
            return statuses;
        }
        finally {
            pool.shutdownNow();
        }
    }

}
