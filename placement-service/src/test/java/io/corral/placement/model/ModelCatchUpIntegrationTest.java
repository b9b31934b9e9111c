package io.corral.placement.model;

import static io.corral.testsupport.ApiFixtures.cell;
import static io.corral.testsupport.ApiFixtures.desiredLrp;

import io.corral.placement.PlacementIntegrationTest;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.ServiceUnderTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The placement service's event stream breaks, and the events it missed meanwhile are
 * gone when it resumes ({@code events_lost}): its model reads the receptor again and
 * places the work it had not heard of.
 */
class ModelCatchUpIntegrationTest extends PlacementIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Autowired
    private MeterRegistry meters;

    @Test
    void workDesiredWhileTheEventsWereLostIsPlacedAfterTheStreamResumes() {
        receptor().heartbeat("cell-1", cell("cell-1", "z1", List.of(), 600));
        receptor().desireLrp(desiredLrp("before", 1));
        Eventually.await(WITHIN, "before/0 placed", () -> receptor().actualLrp("before", 0).cellId() != null);
        double fullReads = fullReads();
        Map<String, String> sameDatabase = databaseOf(receptorService);
        int port = receptorService.uri().getPort();

        receptorService.close();
        try (ServiceUnderTest elsewhere = ServiceUnderTest.start(ReceptorApplication.SERVICE, sameDatabase)) {
            elsewhere.client().desireLrp(desiredLrp("while-away", 2));
        }
        forgetAllEventsButTheNewest(sameDatabase);
        Map<String, String> samePort = new HashMap<>(sameDatabase);
        samePort.put("server.port", Integer.toString(port));
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE, samePort);

        ReceptorClient receptor = receptor();
        Eventually.await(WITHIN, "the model read the receptor again", () -> fullReads() > fullReads);
        for (int index = 0; index < 2; index++) {
            int i = index;
            Eventually.await(WITHIN, "while-away/" + i + " placed",
                    () -> receptor.actualLrp("while-away", i).cellId() != null);
        }
    }

    private double fullReads() {
        return meters.counter("corral.placement.model.full.reads").count();
    }

    private static Map<String, String> databaseOf(ServiceUnderTest service) {
        Environment environment = service.bean(Environment.class);
        Map<String, String> settings = new HashMap<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password")) {
            String value = environment.getProperty(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        settings.put("corral.convergence.interval", "1h");
        return settings;
    }

    /**
     * As the receptor's retention sweep would, had the stream stayed away long enough.
     */
    private static void forgetAllEventsButTheNewest(Map<String, String> database) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.get("spring.datasource.url"),
                database.getOrDefault("spring.datasource.username", "postgres"),
                database.getOrDefault("spring.datasource.password", ""));
        new JdbcTemplate(dataSource).update("DELETE FROM events WHERE id < (SELECT max(id) FROM events)");
    }

}
