package io.corral.receptor.lrp;

import static io.corral.receptor.api.ActualLrpPresence.EVACUATING;
import static io.corral.receptor.api.ActualLrpPresence.ORDINARY;
import static io.corral.receptor.api.ActualLrpPresence.SUSPECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.ModificationTag;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpChanged;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpCreated;
import io.corral.receptor.api.event.ReceptorEvent.ActualLrpRemoved;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.convergence.ConvergenceRunner;
import io.corral.receptor.convergence.ConvergenceSummary;
import io.corral.receptor.lrp.InstanceBatchRows.Change;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A lost cell's instances are converged a batch at a time, each batch decided in memory
 * and written in a few statements: every instance still ends as it would one by one, with
 * the same events, and one changed between the read and the write keeps that change.
 */
class LostCellBatchIntegrationTest extends ReceptorIntegrationTest {

    private static final int INSTANCES = 1200;

    private static final String PORTS = "[{\"container_port\":8080,\"host_port\":61001}]";

    @Autowired
    private ConvergenceRunner convergence;

    @Autowired
    private InstanceBatchRows rows;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    @Test
    void aLostCellWithInstancesInEveryStateHasEachEndRightWithItsEventsOnce() {
        ReceptorClient receptor = receptor();
        receptor.heartbeat("cell-steady", ApiFixtures.cell("cell-steady", "z1", List.of(), 300));
        receptor.desireLrp(ApiFixtures.desiredLrp("mixed", INSTANCES));
        receptor.desireLrp(ApiFixtures.desiredLrp("steady", 3));
        ActualLrp fresh = receptor.actualLrp("steady", 0);
        // By index mod 5: running, assigned, claimed, evacuating (beside its
        // replacement),
        // already suspect (beside its replacement); some tainted.
        jdbc.update(
                """
                        UPDATE actual_lrps SET cell_id = 'cell-mixed-lost', modification_index = 3,
                            state = CASE WHEN instance_index % 5 = 1 THEN 'UNCLAIMED' WHEN instance_index % 5 = 2 THEN 'CLAIMED'
                                         ELSE 'RUNNING' END,
                            address = CASE WHEN instance_index % 5 IN (0, 3, 4) THEN '10.0.0.5' END,
                            ports = CASE WHEN instance_index % 5 IN (0, 3, 4) THEN ? END,
                            presence = CASE WHEN instance_index % 5 = 3 THEN 'EVACUATING' WHEN instance_index % 5 = 4 THEN 'SUSPECT'
                                            ELSE 'ORDINARY' END,
                            crash_count = instance_index % 3, tainted = instance_index % 10 IN (0, 2)
                        WHERE process_guid = 'mixed'
                        """,
                PORTS);
        jdbc.update("""
                INSERT INTO actual_lrps (id, instance_guid, process_guid, instance_index, presence, domain, state,
                                         since_ns, modification_epoch, modification_index)
                SELECT gen_random_uuid(), instance_guid || '-next', process_guid, instance_index, 'ORDINARY', domain,
                       'UNCLAIMED', since_ns, gen_random_uuid()::text, 0
                FROM actual_lrps WHERE process_guid = 'mixed' AND presence <> 'ORDINARY'
                """);
        jdbc.update("""
                UPDATE actual_lrps SET cell_id = 'cell-steady', state = 'RUNNING', address = '10.0.0.6', ports = '[]'
                WHERE process_guid = 'steady' AND instance_index > 0
                """);
        List<ActualLrp> steady = receptor.actualLrps("steady");
        Map<Integer, List<ActualLrp>> before = byIndex(receptor.actualLrps("mixed"));
        long mark = lastEventId();

        ConvergenceSummary pass = convergence.runOnce();

        assertThat(pass.failed()).isEmpty();
        assertThat(pass.changed()).containsEntry("lrp-lost-cells", INSTANCES / 5 * 4).containsEntry("lrp-indices", 0);
        Map<Integer, List<ActualLrp>> after = byIndex(receptor.actualLrps("mixed"));
        Map<Integer, List<Event>> events = eventsAfter(mark).stream()
            .collect(Collectors.groupingBy(e -> e.subject().index()));
        assertThat(events).as("events of the lost cell's instances only")
            .allSatisfy((index, of) -> assertThat(of)
                .allSatisfy(e -> assertThat(e.subject().processGuid()).isEqualTo("mixed")));
        for (int index = 0; index < INSTANCES; index++) {
            List<ActualLrp> was = before.get(index);
            List<ActualLrp> now = after.get(index);
            List<Event> of = events.getOrDefault(index, List.of());
            ActualLrp instance = was.get(0);
            switch (index % 5) {
                case 0 -> {
                    assertThat(now).as("index %d", index).hasSize(2);
                    ActualLrp replacement = now.get(0);
                    ActualLrp suspect = now.get(1);
                    assertThat(suspect).isEqualTo(new ActualLrp(instance.processGuid(), instance.instanceGuid(),
                            instance.cellId(), instance.domain(), index, instance.address(), instance.ports(),
                            ActualLrpState.RUNNING, null, instance.since(), instance.crashCount(), null, false, SUSPECT,
                            next(instance.modificationTag()), instance.tainted()));
                    assertThat(replacement.instanceGuid()).isNotEqualTo(instance.instanceGuid());
                    assertThat(replacement).isEqualTo(new ActualLrp("mixed", replacement.instanceGuid(), null,
                            instance.domain(), index, null, List.of(), ActualLrpState.UNCLAIMED, null,
                            replacement.since(), 0, null, false, ORDINARY,
                            new ModificationTag(replacement.modificationTag().epoch(), fresh.modificationTag().index()),
                            false));
                    assertThat(replacement.modificationTag().epoch()).isNotEqualTo(instance.modificationTag().epoch());
                    assertThat(of).extracting(Event::type)
                        .containsExactly(ActualLrpChanged.NAME, ActualLrpCreated.NAME);
                    assertThat(of.get(0).before()).isEqualTo(instance);
                    assertThat(of.get(0).after()).isEqualTo(suspect);
                    assertThat(of.get(1).after()).isEqualTo(replacement);
                    assertThat(of.get(1).transaction()).as("one transaction").isEqualTo(of.get(0).transaction());
                }
                case 1, 2 -> {
                    assertThat(now).as("index %d", index).hasSize(1);
                    ActualLrp released = now.get(0);
                    assertThat(released.instanceGuid()).isNotEqualTo(instance.instanceGuid());
                    assertThat(released).isEqualTo(new ActualLrp("mixed", released.instanceGuid(), null,
                            instance.domain(), index, null, List.of(), ActualLrpState.UNCLAIMED, null, released.since(),
                            instance.crashCount(), null, false, ORDINARY, next(instance.modificationTag()), false));
                    assertThat(of).extracting(Event::type).containsExactly(ActualLrpChanged.NAME);
                    assertThat(of.get(0).before()).isEqualTo(instance);
                    assertThat(of.get(0).after()).isEqualTo(released);
                }
                case 3 -> {
                    assertThat(was).extracting(ActualLrp::presence).containsExactly(ORDINARY, EVACUATING);
                    assertThat(now).as("index %d: the evacuee goes", index).containsExactly(was.get(0));
                    assertThat(of).extracting(Event::type).containsExactly(ActualLrpRemoved.NAME);
                    assertThat(of.get(0).after()).isEqualTo(was.get(1));
                }
                default -> {
                    assertThat(was).extracting(ActualLrp::presence).containsExactly(ORDINARY, SUSPECT);
                    assertThat(now).as("index %d: already suspect", index).isEqualTo(was);
                    assertThat(of).isEmpty();
                }
            }
        }
        assertThat(receptor.actualLrps("steady")).isEqualTo(steady);

        long afterPass = lastEventId();
        ConvergenceSummary again = convergence.runOnce();
        assertThat(again.failed()).isEmpty();
        assertThat(again.changed()).containsEntry("lrp-lost-cells", 0).containsEntry("lrp-indices", 0);
        assertThat(byIndex(receptor.actualLrps("mixed"))).isEqualTo(after);
        assertThat(lastEventId()).as("no event more").isEqualTo(afterPass);
    }

    @Test
    void anInstanceWrittenBetweenTheReadAndTheWriteKeepsThatWriteAndIsTakenByTheNextPass() throws Exception {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("raced", 3));
        jdbc.update(
                """
                        UPDATE actual_lrps SET cell_id = 'cell-raced-lost', state = 'RUNNING', address = '10.0.0.7', ports = '[]'
                        WHERE process_guid = 'raced'
                        """);
        UUID raced = jdbc.queryForObject(
                "SELECT id FROM actual_lrps WHERE process_guid = 'raced' AND instance_index = 1", UUID.class);
        long mark = lastEventId();

        ConvergenceSummary pass;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection cell = dataSource.getConnection()) {
            cell.setAutoCommit(false);
            // A cell's write, not yet committed: the pass reads the instance as it was
            // and
            // its update waits for this one.
            try (PreparedStatement write = cell.prepareStatement(
                    "UPDATE actual_lrps SET address = '10.0.0.8', modification_index = modification_index + 1 WHERE id = ?")) {
                write.setObject(1, raced);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
            Future<ConvergenceSummary> running = pool.submit(convergence::runOnce);
            Eventually.await(Duration.ofSeconds(30), "the pass waits for the cell's write",
                    () -> jdbc.queryForObject("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE datname = current_database() AND wait_event_type = 'Lock'
                            """, Integer.class) > 0);
            cell.commit();
            pass = running.get(60, TimeUnit.SECONDS);
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(pass.failed()).isEmpty();
        assertThat(pass.changed()).containsEntry("lrp-lost-cells", 2);
        List<ActualLrp> atRaced = receptor.actualLrps("raced").stream().filter(i -> i.index() == 1).toList();
        assertThat(atRaced).singleElement().satisfies(i -> {
            assertThat(i.presence()).isEqualTo(ORDINARY);
            assertThat(i.state()).isEqualTo(ActualLrpState.RUNNING);
            assertThat(i.address()).as("the cell's write").isEqualTo("10.0.0.8");
            assertThat(i.modificationTag().index()).isEqualTo(1);
        });
        assertThat(eventsAfter(mark)).as("no event about it").noneMatch(e -> e.subject().index() == 1);
        assertThat(eventsAfter(mark)).hasSize(4);

        assertThat(convergence.runOnce().changed()).as("the next pass takes it").containsEntry("lrp-lost-cells", 1);
        assertThat(receptor.actualLrps("raced")).filteredOn(i -> i.index() == 1)
            .extracting(ActualLrp::presence, ActualLrp::address)
            .containsExactly(tuple(ORDINARY, null), tuple(SUSPECT, "10.0.0.8"));
    }

    @Test
    void aWriteOverAStaleVersionChangesNothing() {
        ReceptorClient receptor = receptor();
        receptor.desireLrp(ApiFixtures.desiredLrp("stale", 2));
        jdbc.update("UPDATE actual_lrps SET cell_id = 'cell-stale-lost' WHERE process_guid = 'stale'");
        List<Instance> found = rows.findOnGoneCell("cell-stale-lost", Instant.now(), new UUID(0, 0), Limit.of(10));
        assertThat(found).hasSize(2);
        jdbc.update("UPDATE actual_lrps SET modification_index = modification_index + 1 WHERE process_guid = 'stale'");
        List<ActualLrp> was = receptor.actualLrps("stale");
        InstanceLifecycle lifecycle = new InstanceLifecycle(() -> UUID.randomUUID().toString());

        assertThat(
                rows.update(found.stream().map(i -> new Change(i, i.with(lifecycle.cellLost(i.status(), 1)))).toList()))
            .isEmpty();
        assertThat(rows.remove(found)).isEmpty();
        assertThat(receptor.actualLrps("stale")).isEqualTo(was);
    }

    private static ModificationTag next(ModificationTag tag) {
        return new ModificationTag(tag.epoch(), tag.index() + 1);
    }

    private static Map<Integer, List<ActualLrp>> byIndex(List<ActualLrp> instances) {
        return instances.stream().collect(Collectors.groupingBy(ActualLrp::index));
    }

    private long lastEventId() {
        return jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM events", Long.class);
    }

    /**
     * One event about an instance: {@code before} only for a change, {@code after} the
     * instance created, changed to, or removed.
     */
    private record Event(long transaction, String type, ActualLrp before, ActualLrp after) {

        ActualLrp subject() {
            return before != null ? before : after;
        }

    }

    private List<Event> eventsAfter(long id) {
        return jdbc.query("SELECT id >> 24 AS transaction, type, data FROM events WHERE id > ? ORDER BY id",
                (row, n) -> {
                    JsonNode data = ReceptorJson.mapper().readTree(row.getString("data"));
                    String type = row.getString("type");
                    return type.equals(ActualLrpChanged.NAME)
                            ? new Event(row.getLong("transaction"), type, lrp(data.path("actual_lrp_before")),
                                    lrp(data.path("actual_lrp_after")))
                            : new Event(row.getLong("transaction"), type, null, lrp(data.path("actual_lrp")));
                }, id);
    }

    private static ActualLrp lrp(JsonNode node) {
        return ReceptorJson.mapper().treeToValue(node, ActualLrp.class);
    }

}
