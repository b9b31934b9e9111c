package io.corral.placement.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.PlacementIntegrationTest;
import io.corral.testsupport.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Writers of one constraint racing each other, on a real PostgreSQL: each succeeds, one
 * after the other, never 409 or 500, and the stored constraint and its audit trail tell
 * one consistent story.
 */
class ConcurrentConstraintWritesIntegrationTest extends PlacementIntegrationTest {

    private static final int RACERS = 8;

    @ParameterizedTest
    @CsvSource({ "/v1/spaces/space-race-1/placement_constraints/running, space_guid=space-race-1",
            "/v1/spaces/space-race-2/placement_constraints/running, space_guid=space-race-2",
            "/v1/placement_constraints/default/staging, lifecycle=staging" })
    void racingCreationsAllSucceedOneAfterTheOther(String path, String auditFilter) {
        List<Integer> statuses = race(racer -> admin().put(path, "{\"tags\": [\"racer-" + racer + "\"]}").status());

        assertThat(statuses).containsOnly(200);
        assertConsistentTrail(auditFilter, path, RACERS);
    }

    @Test
    void racingReplacementsFollowEachOtherAndAllSucceed() {
        String path = "/v1/spaces/space-replaced/placement_constraints/running";
        admin().put(path, "{\"tags\": [\"first\"]}").expect(200);

        List<Integer> statuses = race(racer -> admin().put(path, "{\"tags\": [\"racer-" + racer + "\"]}").status());

        assertThat(statuses).containsOnly(200);
        assertConsistentTrail("space_guid=space-replaced", path, RACERS + 1);
    }

    @Test
    void racingDeletionsAllSucceedAndAreAuditedOnce() {
        String path = "/v1/spaces/space-deleted/placement_constraints/running";
        admin().put(path, "{\"tags\": [\"doomed\"]}").expect(200);

        List<Integer> statuses = race(racer -> admin().delete(path).status());

        assertThat(statuses).containsOnly(204);
        assertConsistentTrail("space_guid=space-deleted", path, 2);
    }

    /**
     * The trail that {@code auditFilter} selects has {@code changes} entries, each
     * starting from what the one before left, the first from nothing, and the last leaves
     * what is stored.
     */
    private void assertConsistentTrail(String auditFilter, String path, long changes) {
        JsonNode page = admin().get("/v1/placement_constraints/audit?" + auditFilter).expect(200);
        List<JsonNode> oldestFirst = new ArrayList<>();
        page.path("entries").forEach(entry -> oldestFirst.add(0, entry));
        assertThat(oldestFirst).hasSize((int) changes);
        assertThat(oldestFirst.get(0).path("before").isNull()).isTrue();
        for (int i = 1; i < oldestFirst.size(); i++) {
            assertThat(oldestFirst.get(i).path("before")).isEqualTo(oldestFirst.get(i - 1).path("after"));
        }
        JsonNode last = oldestFirst.get(oldestFirst.size() - 1).path("after");
        RawHttp.Response stored = admin().get(path);
        if (last.isNull()) {
            stored.assertError(404, "PlacementConstraintNotFound");
        }
        else {
            assertThat(stored.expect(200).path("tags")).isEqualTo(last.path("tags"));
        }
    }

    /**
     * Runs {@code request(racer)} for each of {@link #RACERS} racers released together;
     * their statuses.
     */
    private static List<Integer> race(IntFunction<Integer> request) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int racer = i;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return request.apply(racer);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get());
            }
            return statuses;
        }
        catch (Exception e) {
            throw new AssertionError("a racer failed", e);
        }
        finally {
            pool.shutdownNow();
        }
    }

}
