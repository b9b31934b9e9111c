package io.corral.receptor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad heartbeats and instance reports from cells are refused naming the field, and change
 * nothing.
 */
class CellBadInputIntegrationTest extends ReceptorIntegrationTest {

    private static final String CELL = "cell-input";

    private static final String PROCESS = "cell-input-web";

    /** The cell of every bad heartbeat: it must never be announced. */
    private static final String BAD_CELL = "cell-bad";

    private static final String REPORT = "/v1/cells/" + CELL + "/actual_lrps/" + PROCESS + "/index/0/";

    private ActualLrp assigned;

    @BeforeEach
    void anInstanceAssignedToTheCell() {
        if (receptor().cells().stream().noneMatch(cell -> cell.cellId().equals(CELL))) {
            receptor().heartbeat(CELL, ApiFixtures.cell(CELL, "z1", List.of()));
            receptor().desireLrp(ApiFixtures.desiredLrp(PROCESS, 1));
            ActualLrp unclaimed = receptor().actualLrp(PROCESS, 0);
            receptor().assign(PROCESS, 0, new Assignment(unclaimed.instanceGuid(), CELL, null));
        }
        assigned = receptor().actualLrp(PROCESS, 0);
    }

    @Test
    void badHeartbeatsAreRefusedAndAnnounceNoCell() {
        heartbeat(BAD_CELL, "{\"zone\": \"z1\",").assertError(400, "InvalidJSON");
        heartbeat(BAD_CELL, null).assertError(400, "InvalidJSON", "missing");
        heartbeat(BAD_CELL, cell(n -> n.remove("capacity"))).assertError(400, "InvalidRequest", "capacity");
        heartbeat(BAD_CELL, cell(n -> n.remove("zone"))).assertError(400, "InvalidRequest", "zone");
        heartbeat(BAD_CELL, cell(n -> n.put("rep_address", " "))).assertError(400, "InvalidRequest", "rep_address");
        heartbeat(BAD_CELL, cell(n -> ((ObjectNode) n.get("capacity")).put("memory_mb", "lots"))).assertError(400,
                "InvalidRequest", "capacity.memory_mb");
        heartbeat(BAD_CELL, cell(n -> ((ObjectNode) n.get("capacity")).remove("memory_mb"))).assertError(400,
                "InvalidRequest", "capacity.memory_mb");
        heartbeat(BAD_CELL, cell(n -> ((ObjectNode) n.get("capacity")).put("containers", -1))).assertError(400,
                "InvalidRequest", "capacity.containers");
        heartbeat(BAD_CELL, cell(n -> ((ObjectNode) n.get("capacity")).put("memory_mb", 99_999_999_999L)))
            .assertError(400, "InvalidRequest", "capacity.memory_mb");
        heartbeat(BAD_CELL, cell(n -> n.put("ttl_seconds", 0))).assertError(400, "InvalidRequest", "ttl_seconds");
        heartbeat(BAD_CELL, cell(n -> n.put("ttl_seconds", 100_000))).assertError(400, "InvalidRequest", "ttl_seconds");
        heartbeat(BAD_CELL, cell(n -> n.putArray("placement_tags").add("dmz zone"))).assertError(400, "InvalidRequest",
                "placement_tags[0]");
        heartbeat(BAD_CELL, cell(n -> n.put("zone", "zone/1"))).assertError(400, "InvalidRequest", "zone");
        heartbeat("bad!cell", cell(n -> {
        })).assertError(400, "InvalidRequest", "cell_id");
        heartbeat("x".repeat(256), cell(n -> {
        })).assertError(400, "InvalidRequest", "cell_id", "at most 255 characters");

        assertThat(receptor().cells()).extracting(Cell::cellId).doesNotContain(BAD_CELL, "bad!cell");
    }

    @Test
    void oversizedHeartbeatsAreTooLarge() {
        byte[] huge = cell(n -> n.putArray("rootfs_providers").add("r".repeat(1024 * 1024)))
            .getBytes(StandardCharsets.UTF_8);
        http().sendChunked("PUT", "/v1/cells/" + BAD_CELL, TestTokens.receptorAdmin(), huge)
            .assertError(413, "RequestTooLarge");

        assertThat(receptor().cells()).extracting(Cell::cellId).doesNotContain(BAD_CELL, "bad!cell");
    }

    @Test
    void badInstanceReportsAreRefusedAndChangeNothing() {
        report("claim", "{\"instance_guid\": ").assertError(400, "InvalidJSON");
        report("claim", "{}").assertError(400, "InvalidRequest", "instance_guid", "modification_tag");
        report("claim", transition(n -> n.remove("modification_tag"))).assertError(400, "InvalidRequest",
                "modification_tag");
        report("claim", transition(n -> ((ObjectNode) n.get("modification_tag")).put("index", "zero"))).assertError(400,
                "InvalidRequest", "modification_tag.index");
        report("start",
                transition(n -> n.putArray("ports").addObject().put("container_port", 70_000).put("host_port", 61_000)))
            .assertError(400, "InvalidRequest", "ports[0].container_port");
        report("crash", transition(n -> n.put("crash_reason", "x".repeat(1025)))).assertError(400, "InvalidRequest",
                "crash_reason");
        report("start", transition(n -> n.remove("address"))).assertError(400, "InvalidRequest", "address");

        assertThat(receptor().actualLrp(PROCESS, 0)).isEqualTo(assigned);
    }

    @Test
    void unknownInstanceActionsAndIndicesAreRefused() {
        String valid = transition(n -> {
        });

        report("explode", valid).assertError(404, "EndpointNotFound", "explode");
        http()
            .send("POST", "/v1/cells/" + CELL + "/actual_lrps/" + PROCESS + "/index/zero/claim",
                    TestTokens.receptorAdmin(), valid)
            .assertError(400, "InvalidRequest", "index");
        http()
            .send("POST", "/v1/cells/" + CELL + "/actual_lrps/" + PROCESS + "/index/-1/claim",
                    TestTokens.receptorAdmin(), valid)
            .assertError(404, "ActualLRPIndexNotFound", "-1");

        assertThat(receptor().actualLrp(PROCESS, 0)).isEqualTo(assigned);
    }

    private RawHttp.Response heartbeat(String cellId, String json) {
        return http().send("PUT", "/v1/cells/" + cellId, TestTokens.receptorAdmin(), json);
    }

    private RawHttp.Response report(String action, String json) {
        return http().send("POST", REPORT + action, TestTokens.receptorAdmin(), json);
    }

    private static String cell(Consumer<ObjectNode> change) {
        ObjectNode node = ReceptorJson.mapper().valueToTree(ApiFixtures.cell(BAD_CELL, "z2", List.of()));
        change.accept(node);
        return ReceptorJson.mapper().writeValueAsString(node);
    }

    /** A valid start report for the assigned instance, changed by {@code change}. */
    private String transition(Consumer<ObjectNode> change) {
        ObjectNode node = ReceptorJson.mapper()
            .valueToTree(new InstanceTransition(assigned.instanceGuid(), assigned.modificationTag(), "10.0.0.5",
                    List.of(), null, null));
        change.accept(node);
        return ReceptorJson.mapper().writeValueAsString(node);
    }

    private RawHttp http() {
        return new RawHttp(baseUri());
    }

}
