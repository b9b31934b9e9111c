package io.corral.placement.model;

import static io.corral.testsupport.ApiFixtures.cell;
import static io.corral.testsupport.ApiFixtures.desiredLrp;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.PlacementIntegrationTest;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.Eventually;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The auction reads the placement model, not the whole receptor. */
class ModelFullReadsIntegrationTest extends PlacementIntegrationTest {

    private static final Duration PLACED_WITHIN = Duration.ofSeconds(20);

    @Autowired
    private MeterRegistry meters;

    @Test
    void auctionsPlaceNewWorkWithoutReadingTheReceptorWhole() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-1", cell("cell-1", "z1", List.of()));
        receptor.heartbeat("cell-2", cell("cell-2", "z2", List.of()));
        Eventually.await(PLACED_WITHIN, "the model's first full read", () -> fullReads() >= 1);
        double fullReads = fullReads();
        long actualLrpListings = receptorListings("/v1/actual_lrps");
        long desiredLrpListings = receptorListings("/v1/desired_lrps");

        for (int lrp = 0; lrp < 3; lrp++) {
            String processGuid = "one-by-one-" + lrp;
            receptor.desireLrp(desiredLrp(processGuid, 2));
            IntStream.range(0, 2)
                .forEach(index -> Eventually.await(PLACED_WITHIN, processGuid + "/" + index + " placed",
                        () -> receptor.actualLrp(processGuid, index).cellId() != null));
        }

        assertThat(fullReads()).as("the model's full reads").isEqualTo(fullReads);
        assertThat(receptorListings("/v1/actual_lrps")).as("GET /v1/actual_lrps served by the receptor")
            .isEqualTo(actualLrpListings);
        assertThat(receptorListings("/v1/desired_lrps")).as("GET /v1/desired_lrps served by the receptor")
            .isEqualTo(desiredLrpListings);
    }

    private double fullReads() {
        return meters.counter("corral.placement.model.full.reads").count();
    }

    private static long receptorListings(String uri) {
        return receptorService.bean(MeterRegistry.class)
            .find("http.server.requests")
            .tag("uri", uri)
            .tag("method", "GET")
            .timers()
            .stream()
            .mapToLong(Timer::count)
            .sum();
    }

}
