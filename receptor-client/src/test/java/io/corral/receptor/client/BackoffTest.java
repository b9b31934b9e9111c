package io.corral.receptor.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void eachFailureDoublesTheWaitUpToTheLongest() {
        Duration wait = backoff.initial();
        StringBuilder waits = new StringBuilder();
        for (int failure = 0; failure < 5; failure++) {
            waits.append(wait.toMillis()).append(' ');
            wait = backoff.after(wait);
        }
        assertThat(waits.toString().trim()).isEqualTo("200 400 800 1000 1000");
    }

}
