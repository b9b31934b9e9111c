package io.corral.receptor.assignment;

import static io.corral.testsupport.ApiAssertions.assertApiError;
import static io.corral.testsupport.ApiFixtures.assignment;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.ApiFixtures;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class AssignmentIdempotencyIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void cells() {
        receptor().heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        receptor().heartbeat("cell-b", ApiFixtures.cell("cell-b", "z2", List.of()));
    }

    @Test
    void aBatchSentAgainWithItsKeyAnswersTheFirstOutcomeWithoutDecidingAgain() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("retried", 2));
        List<ActualLrp> instances = receptor.actualLrps("retried");
        AssignmentBatch batch = new AssignmentBatch(
                List.of(assignment(instances.get(0), "cell-a"), assignment(instances.get(1), "cell-b")), List.of());

        AssignmentResults first = receptor.assign(batch, "batch-1");
        ActualLrp claimed = receptor.transition("cell-a", "retried", 0, "claim",
                ApiFixtures.transition(receptor.actualLrp("retried", 0)));
        long events = eventCount();
        AssignmentResults retried = receptor.assign(batch, "batch-1");

        assertThat(retried).isEqualTo(first);
        assertThat(first.actualLrps()).allSatisfy(result -> assertThat(result.error()).isNull());
        assertThat(eventCount()).as("nothing decided again").isEqualTo(events);
        assertThat(receptor.actualLrp("retried", 0)).isEqualTo(claimed);
        assertThat(receptor.assign(batch).actualLrps().get(0).error().name())
            .as("without the key the batch is decided again, and refused for the claimed instance")
            .isEqualTo("ResourceConflict");
    }

    @Test
    void aKeyUsedForAnotherBatchIsRefused() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("reused", 2));
        List<ActualLrp> instances = receptor.actualLrps("reused");
        receptor.assign(new AssignmentBatch(List.of(assignment(instances.get(0), "cell-a")), null), "batch-2");

        assertThat(
                assertApiError(
                        () -> receptor.assign(
                                new AssignmentBatch(List.of(assignment(instances.get(1), "cell-a")), null), "batch-2"),
                        400, "InvalidRequest")
                    .getMessage())
            .contains("Idempotency-Key: already used for a different batch");
        assertThat(receptor.actualLrp("reused", 1).cellId()).isNull();
    }

    @Test
    void aKeyWhoseFirstAttemptIsStillBeingAppliedAsksTheRetryToWait() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("in-flight", 1));
        AssignmentBatch batch = new AssignmentBatch(List.of(assignment(receptor.actualLrp("in-flight", 0), "cell-a")),
                null);
        receptor.assign(batch, "batch-3");
        jdbc.update("UPDATE assignment_batch_keys SET outcome = NULL WHERE idempotency_key = 'batch-3'");

        assertThat(assertApiError(() -> receptor.assign(batch, "batch-3"), 409, "ResourceConflict").getMessage())
            .contains("still being applied");
    }

    @Test
    void aKeyIsForgottenAfterItsRetention() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("expired", 1));
        AssignmentBatch batch = new AssignmentBatch(
                List.of(new LrpAssignment("expired", 0, null, null, "insufficient resources: memory")), null);
        receptor.assign(batch, "batch-4");
        jdbc.update("UPDATE assignment_batch_keys SET created_at = now() - interval '1 day'"
                + " WHERE idempotency_key = 'batch-4'");
        receptor.assign(new AssignmentBatch(List.of(assignment(receptor.actualLrp("expired", 0), "cell-a")), null));

        ActualLrp assigned = receptor.actualLrp("expired", 0);

        receptor.assign(batch, "batch-4");

        assertThat(receptor.actualLrp("expired", 0)).as("decided again").isNotEqualTo(assigned);
        assertThat(receptor.actualLrp("expired", 0).placementError()).isEqualTo("insufficient resources: memory");
    }

    @Test
    void aKeyMustBeVisibleAscii() {
        assertThat(assertApiError(() -> receptor().assign(new AssignmentBatch(List.of(), List.of()), "two words"), 400,
                "InvalidRequest")
            .getMessage()).contains("Idempotency-Key");
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM events", Long.class);
    }

}
