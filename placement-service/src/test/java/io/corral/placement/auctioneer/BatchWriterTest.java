package io.corral.placement.auctioneer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.api.AssignmentBatch;
import io.corral.receptor.api.AssignmentResults;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.client.ReceptorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private static final AssignmentBatch BATCH = new AssignmentBatch(
            List.of(new LrpAssignment("web", 0, "instance-0", "cell-a", null)), List.of());

    private static final AssignmentResults OUTCOME = new AssignmentResults(List.of(), List.of());

    private final List<String> keysSent = new ArrayList<>();

    private final List<Duration> pauses = new ArrayList<>();

    private BatchWriter writer(RuntimeException... failures) {
        return new BatchWriter((batch, key) -> {
            keysSent.add(key);
            if (keysSent.size() <= failures.length) {
                throw failures[keysSent.size() - 1];
            }
            return OUTCOME;
        }, pauses::add, 3, Duration.ofSeconds(1));
    }

    private static UncheckedIOException timeout() {
        return new UncheckedIOException("receptor did not answer", new HttpTimeoutException("request timed out"));
    }

    @Test
    void aBatchWhoseAnswerWasLostIsSentAgainUnderTheSameKey() {
        BatchWriter writer = writer(timeout(), new ReceptorException(409, "ResourceConflict", "still being applied"));

        assertThat(writer.write(BATCH)).isSameAs(OUTCOME);

        assertThat(keysSent).hasSize(3).containsOnly(keysSent.get(0));
        assertThat(pauses).as("doubling").containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void eachBatchHasAKeyOfItsOwn() {
        BatchWriter writer = writer();

        writer.write(BATCH);
        writer.write(BATCH);

        assertThat(keysSent).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void afterEveryAttemptWentUnansweredTheOutcomeIsUnknown() {
        BatchWriter writer = writer(timeout(), new ReceptorException(503, "ShuttingDown", "bye"),
                new UncheckedIOException(new IOException("connection reset")));

        assertThatThrownBy(() -> writer.write(BATCH)).isInstanceOf(BatchWriter.OutcomeUnknown.class);
        assertThat(keysSent).hasSize(3).containsOnly(keysSent.get(0));
    }

    @Test
    void aRefusedRequestIsNotRetried() {
        BatchWriter writer = writer(new ReceptorException(400, "InvalidRequest", "actual_lrps[0].cell_id: ..."));

        assertThatThrownBy(() -> writer.write(BATCH)).isInstanceOf(ReceptorException.class);
        assertThat(keysSent).hasSize(1);
    }

}
