package io.corral.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.receptor.client.Backoff;
import io.corral.receptor.client.ReceptorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusyRetryTest {

    private final List<Duration> pauses = new ArrayList<>();

    private final BusyRetry retry = new BusyRetry(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)), 5,
            pauses::add);

    private int sent;

    /** A request that fails as given, then succeeds. */
    private Runnable failing(RuntimeException... failures) {
        int[] tries = { 0 };
        return () -> {
            sent++;
            if (++tries[0] <= failures.length) {
                throw failures[tries[0] - 1];
            }
        };
    }

    private static ReceptorException busy() {
        return new ReceptorException(503, "DatabaseUnavailable", "the database did not answer");
    }

    @Test
    void aBusyReceptorIsAskedAgainWaitingLongerEachTime() {
        retry.put(failing(busy(), busy(), new UncheckedIOException(new IOException("no answer")), busy()));

        assertThat(sent).isEqualTo(5);
        assertThat(retry.retries()).isEqualTo(4);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(4));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThatThrownBy(() -> retry.put(failing(busy(), busy(), busy(), busy(), busy())))
            .isInstanceOf(ReceptorException.class)
            .hasMessageContaining("503");
        assertThat(sent).isEqualTo(5);
    }

    @Test
    void anAnswerOtherThanBusyIsNotSentAgain() {
        assertThatThrownBy(() -> retry.put(failing(new ReceptorException(400, "InvalidRequest", "bad"))))
            .hasMessageContaining("InvalidRequest");
        assertThatThrownBy(() -> retry.create(failing(new ReceptorException(409, "ResourceConflict", "exists"))))
            .as("a conflict to the first try: the LRP was there before")
            .hasMessageContaining("ResourceConflict");
        assertThat(retry.retries()).isZero();
    }

    @Test
    void aCreateAnsweredConflictWhenSentAgainWasCommittedByAnEarlierTry() {
        retry.create(failing(new UncheckedIOException(new IOException("timed out")),
                new ReceptorException(409, "ResourceConflict", "already desired")));

        assertThat(sent).isEqualTo(2);
    }

    @Test
    void aRemovalAnsweredNotFoundWhenSentAgainWasCommittedByAnEarlierTry() {
        retry.remove(failing(new ReceptorException(503, "DatabaseUnavailable", "busy"),
                new ReceptorException(404, "ResourceNotFound", "no such LRP")));

        assertThat(sent).isEqualTo(2);
        assertThatThrownBy(() -> retry.remove(failing(new ReceptorException(404, "ResourceNotFound", "no such LRP"))))
            .as("not found at the first try: there was nothing to remove")
            .hasMessageContaining("ResourceNotFound");
    }

}
