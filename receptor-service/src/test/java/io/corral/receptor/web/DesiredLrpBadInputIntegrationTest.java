package io.corral.receptor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.DesiredLrpUpdate;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Bad desired LRPs are refused with a 4xx naming the field, and leave nothing behind. */
class DesiredLrpBadInputIntegrationTest extends ReceptorIntegrationTest {

    private static final String PATH = "/v1/desired_lrps";

    private static final int ONE_MIB = 1024 * 1024;

    private static final String EXISTING = "existing-lrp";

    /** The process guid of every bad request: it must never be stored. */
    private static final String BAD = "bad-lrp";

    @BeforeEach
    void oneValidLrp() {
        if (receptor().desiredLrps().stream().noneMatch(lrp -> lrp.processGuid().equals(EXISTING))) {
            receptor().desireLrp(ApiFixtures.desiredLrp(EXISTING, 1));
        }
    }

    @AfterEach
    void nothingWasStored() {
        http().send("GET", PATH + "/" + BAD, TestTokens.receptorAdmin(), null).assertError(404, "DesiredLRPNotFound");
        assertThat(receptor().actualLrps(BAD)).isEmpty();
        assertThat(receptor().actualLrps(EXISTING)).hasSize(1);
    }

    @Test
    void malformedOrMissingJsonIsInvalidJson() {
        post("{\"process_guid\": \"web\", \"instances\": ").assertError(400, "InvalidJSON");
        post("{\"process_guid\": \"web\"} trailing").assertError(400, "InvalidJSON");
        post("not json at all").assertError(400, "InvalidJSON");
        post(null).assertError(400, "InvalidJSON", "missing");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        post(lrp(n -> n.removeAll())).assertError(400, "InvalidRequest", "process_guid", "domain", "rootfs",
                "instances", "action");
        post(lrp(n -> n.remove("action"))).assertError(400, "InvalidRequest", "action");
        post(lrp(n -> n.put("process_guid", ""))).assertError(400, "InvalidRequest", "process_guid");
    }

    @Test
    void wronglyTypedFieldsAreNamed() {
        post(lrp(n -> n.put("instances", "ten"))).assertError(400, "InvalidRequest", "instances");
        post(lrp(n -> n.put("env", "FOO=bar"))).assertError(400, "InvalidRequest", "env");
        post(lrp(n -> n.putArray("ports").add("eighty"))).assertError(400, "InvalidRequest", "ports[0]");
        post(lrp(n -> n.putArray("process_guid"))).assertError(400, "InvalidRequest", "process_guid");
        post(lrp(n -> n.put("privileged", "maybe"))).assertError(400, "InvalidRequest", "privileged");
        post("[]").assertError(400, "InvalidRequest", "request body: expected an object");
    }

    @Test
    void illegalGuidsAreRefused() {
        for (String guid : new String[] { "web app", "web/app", "../etc", "wéb", "web;drop", "x".repeat(256) }) {
            post(lrp(n -> n.put("process_guid", guid))).assertError(400, "InvalidRequest", "process_guid");
        }
        post(lrp(n -> n.put("domain", "cf apps"))).assertError(400, "InvalidRequest", "domain");
        post(lrp(n -> n.put("space_guid", "space 1"))).assertError(400, "InvalidRequest", "space_guid");
        post(lrp(n -> n.putArray("placement_tags").add("dmz zone"))).assertError(400, "InvalidRequest",
                "placement_tags[0]");
    }

    @Test
    void negativeAndAbsurdNumbersAreRefused() {
        post(lrp(n -> n.put("instances", -1))).assertError(400, "InvalidRequest", "instances");
        post(lrp(n -> n.put("instances", 1_000_000_000))).assertError(400, "InvalidRequest", "instances");
        post(lrp(n -> n.put("instances", 1e9))).assertError(400, "InvalidRequest", "instances");
        post(lrp(n -> n.put("instances", 99_999_999_999L))).assertError(400, "InvalidRequest", "instances");
        post(lrp(n -> n.put("memory_mb", 2_000_000))).assertError(400, "InvalidRequest", "memory_mb");
        post(lrp(n -> n.put("disk_mb", -5))).assertError(400, "InvalidRequest", "disk_mb");
        post(lrp(n -> n.put("cpu_weight", 101))).assertError(400, "InvalidRequest", "cpu_weight");
        post(lrp(n -> n.put("start_timeout", -1))).assertError(400, "InvalidRequest", "start_timeout");
        post(lrp(n -> n.putArray("ports").add(70_000))).assertError(400, "InvalidRequest", "ports[0]");
    }

    @Test
    void annotationsOverTenKibibytesCountedInBytesAreRefused() {
        String fits = "é".repeat(5 * 1024);
        String tooLong = "é".repeat(5 * 1024 + 1);
        assertThat(tooLong.length()).isLessThan(10 * 1024);

        post(lrp(n -> n.put("annotation", tooLong))).assertError(400, "InvalidRequest", "annotation");
        receptor().updateDesiredLrp(EXISTING, new DesiredLrpUpdate(null, null, fits, null, null));
        put(EXISTING, "{\"annotation\": \"" + tooLong + "\"}").assertError(400, "InvalidRequest", "annotation");
        assertThat(receptor().desiredLrp(EXISTING).annotation()).isEqualTo(fits);
    }

    @Test
    void bodiesOverOneMebibyteAreTooLarge() {
        String huge = lrp(n -> n.put("annotation", "a".repeat(ONE_MIB)));

        post(huge).assertError(413, "RequestTooLarge", String.valueOf(ONE_MIB));
        http().sendChunked("POST", PATH, TestTokens.receptorAdmin(), huge.getBytes(StandardCharsets.UTF_8))
            .assertError(413, "RequestTooLarge", String.valueOf(ONE_MIB));
    }

    @Test
    void unknownActionsAreRefused() {
        post(lrp(n -> n.set("action", ReceptorJson.mapper().readTree("{\"explode\": {}}")))).assertError(400,
                "InvalidRequest", "action", "explode");
        post(lrp(n -> n.set("action", ReceptorJson.mapper().readTree("{\"run\": {}, \"download\": {}}"))))
            .assertError(400, "InvalidRequest", "action");
        post(lrp(n -> n.put("action", "run"))).assertError(400, "InvalidRequest", "action");
        post(lrp(n -> n.set("setup", ReceptorJson.mapper().readTree("{\"run\": \"/bin/true\"}")))).assertError(400,
                "InvalidRequest", "setup.run");
        post(lrp(n -> n.set("monitor", ReceptorJson.mapper().readTree("{\"ping\": {}}")))).assertError(400,
                "InvalidRequest", "monitor");
    }

    @Test
    void badUpdatesChangeNothing() {
        DesiredLrp before = receptor().desiredLrp(EXISTING);

        put(EXISTING, "{\"instances\": \"ten\"}").assertError(400, "InvalidRequest", "instances");
        put(EXISTING, "{\"instances\": -1}").assertError(400, "InvalidRequest", "instances");
        put(EXISTING, "{\"instances\": ").assertError(400, "InvalidJSON");
        put(EXISTING, "{\"placement_tags\": [\"a b\"]}").assertError(400, "InvalidRequest", "placement_tags[0]");
        put("missing", "{\"instances\": 2}").assertError(404, "DesiredLRPNotFound", "missing");

        assertThat(receptor().desiredLrp(EXISTING)).isEqualTo(before);
    }

    private RawHttp.Response post(String json) {
        return http().send("POST", PATH, TestTokens.receptorAdmin(), json);
    }

    private RawHttp.Response put(String processGuid, String json) {
        return http().send("PUT", PATH + "/" + processGuid, TestTokens.receptorAdmin(), json);
    }

    /** A valid desired LRP as JSON, changed by {@code change}. */
    private static String lrp(Consumer<ObjectNode> change) {
        ObjectNode node = ReceptorJson.mapper().valueToTree(ApiFixtures.desiredLrp(BAD, 2));
        change.accept(node);
        return ReceptorJson.mapper().writeValueAsString(node);
    }

    private RawHttp http() {
        return new RawHttp(baseUri());
    }

}
