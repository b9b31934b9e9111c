package io.corral.receptor.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.RawHttp;
import io.corral.support.security.DevIssuer;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint but health needs a valid token, and each token opens only its scope's
 * endpoints.
 */
class ApiSecurityIntegrationTest extends ReceptorIntegrationTest {

    static Stream<Arguments> invalidTokens() throws IOException {
        DevIssuer otherKey = new DevIssuer(TestTokens.ISSUER, TemporaryDirectories.create("other-key").resolve("key"));
        DevIssuer otherIssuer = new DevIssuer("someone-else",
                TemporaryDirectories.create("other-issuer").resolve("key"));
        return Stream.of(Arguments.of("no token", null), Arguments.of("expired", TestTokens.expired()),
                Arguments.of("signed by another key",
                        otherKey.mint("intruder", List.of("receptor.read", "receptor.write", "cells.write"),
                                Duration.ofHours(1))),
                Arguments.of("another issuer",
                        otherIssuer.mint("intruder", List.of("receptor.read"), Duration.ofHours(1))),
                Arguments.of("not a JWT", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void readsWithoutAValidTokenAreUnauthorized(String why, String token) {
        RawHttp.Response response = http().send("GET", "/v1/desired_lrps", token, null)
            .assertError(401, "Unauthorized", "token");
        if (token != null) {
            assertThat(response.body()).doesNotContain(token);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void writesWithoutAValidTokenAreUnauthorizedAndStoreNothing(String why, String token) {
        http().send("POST", "/v1/desired_lrps", token, lrpJson("unauthorized")).assertError(401, "Unauthorized");
        http().send("PUT", "/v1/cells/cell-unauthorized", token, cellJson("cell-unauthorized"))
            .assertError(401, "Unauthorized");

        assertNotStored("unauthorized", "cell-unauthorized");
    }

    @Test
    void aReadTokenCannotWrite() {
        String read = TestTokens.withScopes("receptor.read");
        http().send("POST", "/v1/desired_lrps", read, lrpJson("read-only"))
            .assertError(403, "Forbidden", "POST /v1/desired_lrps");
        receptor().desireLrp(ApiFixtures.desiredLrp("kept", 1));
        http().send("DELETE", "/v1/desired_lrps/kept", read, null).assertError(403, "Forbidden");

        assertNotStored("read-only", "none");
        assertThat(receptor().desiredLrp("kept").instances()).isEqualTo(1);
    }

    @Test
    void aReceptorWriteTokenCannotActAsACell() {
        String write = TestTokens.withScopes("receptor.write");
        receptor().desireLrp(ApiFixtures.desiredLrp("not-a-cell", 1));
        String instanceGuid = receptor().actualLrp("not-a-cell", 0).instanceGuid();

        http().send("PUT", "/v1/cells/cell-w", write, cellJson("cell-w"))
            .assertError(403, "Forbidden", "/v1/cells/cell-w");
        http()
            .send("POST", "/v1/cells/cell-w/actual_lrps/not-a-cell/index/0/claim", write,
                    "{\"instance_guid\": \"" + instanceGuid
                            + "\", \"modification_tag\": {\"epoch\": \"e\", \"index\": 0}}")
            .assertError(403, "Forbidden");

        assertNotStored("none", "cell-w");
        assertThat(receptor().actualLrp("not-a-cell", 0).instanceGuid()).isEqualTo(instanceGuid);
    }

    @Test
    void aCellTokenCannotReadOrDesireLrps() {
        String cell = TestTokens.withScopes("cells.write");
        http().send("GET", "/v1/desired_lrps", cell, null).assertError(403, "Forbidden", "GET /v1/desired_lrps");
        http().send("GET", "/v1/actual_lrps", cell, null).assertError(403, "Forbidden");
        http().send("POST", "/v1/desired_lrps", cell, lrpJson("from-a-cell")).assertError(403, "Forbidden");

        assertNotStored("from-a-cell", "none");
    }

    @Test
    void eachScopeOpensItsOwnEndpoints() {
        assertThat(http().send("POST", "/v1/desired_lrps", TestTokens.withScopes("receptor.write"), lrpJson("allowed"))
            .status()).isEqualTo(201);
        assertThat(
                http().send("GET", "/v1/desired_lrps/allowed", TestTokens.withScopes("receptor.read"), null).status())
            .isEqualTo(200);
        assertThat(http()
            .send("PUT", "/v1/cells/cell-allowed", TestTokens.withScopes("cells.write"), cellJson("cell-allowed"))
            .status()).isEqualTo(200);
        assertThat(http().send("GET", "/v1/cells", TestTokens.withScopes("cells.write"), null).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
    void healthProbesNeedNoToken(String path) {
        RawHttp.Response response = http().send("GET", path, null, null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("UP");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/prometheus", "/actuator/metrics", "/v3/api-docs" })
    void metricsAndApiDocsNeedAToken(String path) {
        http().send("GET", path, null, null).assertError(401, "Unauthorized");
        http().send("GET", path, TestTokens.expired(), null).assertError(401, "Unauthorized");

        assertThat(http().send("GET", path, TestTokens.withScopes("receptor.read"), null).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET", "POST" })
    void logoutIsAnUnknownPathLikeAnyOther(String method) {
        RawHttp.Response anonymous = http().send(method, "/logout", null, null);
        assertThat(anonymous.status()).as("no redirect to a login page").isEqualTo(401);
        assertThat(http().send(method, "/logout", TestTokens.withScopes("receptor.read"), null).status())
            .isEqualTo(404);
    }

    @Test
    void protectedResourceMetadataClaimsNoCertificateBoundTokens() {
        JsonNode metadata = http().send("GET", "/.well-known/oauth-protected-resource", null, null).expect(200);
        assertThat(metadata.path("bearer_methods_supported").values()).extracting(JsonNode::asString)
            .containsExactly("header");
        assertThat(metadata.path("tls_client_certificate_bound_access_tokens").asBoolean(true)).isFalse();
    }

    @Test
    void apiDocsDescribeTheReceptorEndpoints() {
        RawHttp.Response docs = http().send("GET", "/v3/api-docs", TestTokens.withScopes("receptor.read"), null);
        assertThat(docs.json().path("paths").propertyNames()).contains("/v1/desired_lrps", "/v1/actual_lrps",
                "/v1/cells/{cell_id}");
        assertThat(docs.json().path("components").path("schemas").path("DesiredLrp").path("properties").propertyNames())
            .as("fields named as the API names them")
            .contains("process_guid", "placement_tags")
            .doesNotContain("processGuid");
        assertThat(docs.json()
            .path("paths")
            .path("/v1/actual_lrps")
            .path("get")
            .path("responses")
            .path("200")
            .path("content")
            .path("application/json")
            .path("schema")
            .path("type")
            .asString()).isEqualTo("array");
    }

    private void assertNotStored(String processGuid, String cellId) {
        assertThat(receptor().desiredLrps()).extracting(DesiredLrp::processGuid).doesNotContain(processGuid);
        assertThat(receptor().cells()).extracting(Cell::cellId).doesNotContain(cellId);
    }

    private static String lrpJson(String processGuid) {
        return ReceptorJson.mapper().writeValueAsString(ApiFixtures.desiredLrp(processGuid, 1));
    }

    private static String cellJson(String cellId) {
        return ReceptorJson.mapper().writeValueAsString(ApiFixtures.cell(cellId, "z1", List.of()));
    }

    private RawHttp http() {
        return new RawHttp(baseUri());
    }

}
