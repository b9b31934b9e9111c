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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

class ConcurrentClaimIntegrationTest extends ReceptorIntegrationTest {

    private static final int CLAIMANTS = 8;

    @RepeatedTest(3)
    void exactlyOneOfConcurrentClaimsWinsAndTheOthersGetConflict() throws Exception {
        ReceptorClient receptor = receptor();
        String processGuid = "contended-" + System.nanoTime();
        receptor.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor.desireLrp(ApiFixtures.desiredLrp(processGuid, 1));
        ActualLrp unclaimed = receptor.actualLrp(processGuid, 0);
        ActualLrp assigned = receptor.assign(processGuid, 0, new Assignment(unclaimed.instanceGuid(), "cell-a", null));
        InstanceTransition claim = new InstanceTransition(assigned.instanceGuid(), assigned.modificationTag(), null,
                null, null, null);

        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> claims = new ArrayList<>();
        for (int i = 0; i < CLAIMANTS; i++) {
            claims.add(() -> {
                start.await();
                try {
                    receptor.transition("cell-a", processGuid, 0, "claim", claim);
                    return 200;
                } catch (ReceptorException e) {
                    return e.status();
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMANTS);
        try {
            List<Future<Integer>> outcomes = claims.stream().map(pool::submit).toList();
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }

        ActualLrp claimed = receptor.actualLrp(processGuid, 0);
        assertThat(claimed.state()).isEqualTo(ActualLrpState.CLAIMED);
        assertThat(claimed.modificationTag().index()).isEqualTo(assigned.modificationTag().index() + 1);
    }
}
