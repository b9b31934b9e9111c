package io.corral.receptor.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventHorizonTest {

    private static final long EPOCH = 1L << 32;

    @Test
    void aRunningTransactionIdIsTheFullIdNearestTheNextOne() {
        assertThat(EventHorizon.fullXid(5 * EPOCH + 100, 90)).isEqualTo(5 * EPOCH + 90);
        assertThat(EventHorizon.fullXid(5 * EPOCH + 100, 104)).as("handed out after the snapshot")
            .isEqualTo(5 * EPOCH + 104);
        assertThat(EventHorizon.fullXid(5 * EPOCH + 10, EPOCH - 6)).as("from the epoch before")
            .isEqualTo(5 * EPOCH - 6);
    }

}
