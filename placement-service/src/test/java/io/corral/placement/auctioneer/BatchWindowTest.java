package io.corral.placement.auctioneer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchWindowTest {

    private static final Duration WINDOW = Duration.ofMillis(100);

    private static final long MS = 1_000_000;

    private final BatchWindow window = new BatchWindow(WINDOW);

    @Test
    void theFirstWorkIsAuctionedAtOnce() {
        assertThat(window.delayFor(5 * MS)).isZero();
    }

    @Test
    void workAfterAQuietSpellIsAuctionedAtOnce() {
        window.delayFor(0);

        assertThat(window.delayFor(100 * MS)).isZero();
        assertThat(window.delayFor(350 * MS)).isZero();
    }

    @Test
    void workWithinABurstWaitsForTheWindow() {
        assertThat(window.delayFor(0)).isZero();

        assertThat(window.delayFor(1 * MS)).isEqualTo(WINDOW);
        assertThat(window.delayFor(2 * MS)).isEqualTo(WINDOW);
    }

    @Test
    void aBurstLastsAsLongAsWorkKeepsComingWithinAWindowOfTheLast() {
        window.delayFor(0);

        for (long at = 60 * MS; at <= 600 * MS; at += 60 * MS) {
            assertThat(window.delayFor(at)).as("work at %d ms", at / MS).isEqualTo(WINDOW);
        }
        assertThat(window.delayFor(700 * MS)).isZero();
    }

    @Test
    void readsTheClockAsNanoTimeDoesAcrossItsWrap() {
        window.delayFor(Long.MAX_VALUE - 10 * MS);

        assertThat(window.delayFor(Long.MIN_VALUE + 10 * MS)).isEqualTo(WINDOW);
        assertThat(window.delayFor(Long.MIN_VALUE + 200 * MS)).isZero();
    }

}
