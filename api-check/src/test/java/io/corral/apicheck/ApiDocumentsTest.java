package io.corral.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI documents the services serve say what a generated client needs: the token
 * and its scopes, what each operation is, the errors and their body, the API's own names.
 * (The build then generates a Java client from each document and compiles it.)
 */
class ApiDocumentsTest {

    private static final String ERROR_BODY = "#/components/schemas/ApiError";

    private static Map<String, JsonNode> documents;

    @BeforeAll
    static void fetch() {
        documents = ServedDocuments.write()
            .entrySet()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey,
                    document -> ReceptorJson.mapper().readTree(document.getValue().toFile())));
    }

    /**
     * What an SSH user calls with their own token, of whatever scopes their issuer gave
     * it: any valid token.
     */
    private static final List<String> USER_TOKEN_OPERATIONS = List.of("POST /v1/ssh/codes", "GET /v1/ssh/info",
            "GET /internal/apps/{guid}/ssh_access/{index}");

    @ParameterizedTest
    @ValueSource(strings = { "receptor", "placement", "routes", "ssh-auth", "ssh-proxy", "cell-agent" })
    void everyOperationHasASummary(String service) {
        assertThat(operations(service)).isNotEmpty()
            .allSatisfy(operation -> assertThat(operation.node().path("summary").asString()).as(operation.name())
                .isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = { "receptor", "placement", "routes", "ssh-auth", "ssh-proxy", "cell-agent" })
    void everyOperationNeedsABearerTokenWithAScope(String service) {
        JsonNode scheme = documents.get(service).path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(operations(service))
            .allSatisfy(operation -> assertThat(operation.node().path("security")).as(operation.name())
                .isNotEmpty()
                .allSatisfy(requirement -> {
                    assertThat(requirement.has("bearer")).isTrue();
                    if (!USER_TOKEN_OPERATIONS.contains(operation.name())) {
                        assertThat(requirement.path("bearer")).isNotEmpty();
                    }
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = { "receptor", "placement", "routes", "ssh-auth", "ssh-proxy", "cell-agent" })
    void everyOperationAnswersErrorsWithTheErrorBody(String service) {
        JsonNode document = documents.get(service);
        assertThat(document.path("components").path("schemas").path("ApiError").path("required"))
            .extracting(JsonNode::asString)
            .containsExactlyInAnyOrder("name", "message");
        assertThat(operations(service)).allSatisfy(operation -> {
            List<String> errors = operation.node()
                .path("responses")
                .propertyNames()
                .stream()
                .filter(status -> status.startsWith("4") || status.equals("503"))
                .toList();
            assertThat(errors).as(operation.name()).contains("401", "503");
            if (!USER_TOKEN_OPERATIONS.contains(operation.name())) {
                assertThat(errors).as(operation.name()).contains("403");
            }
            if (operation.path().contains("{")) {
                assertThat(errors).as(operation.name()).contains("404");
            }
            if (!operation.method().equals("get")) {
                assertThat(errors).as(operation.name()).contains("409");
            }
            errors.forEach(status -> assertThat(errorBody(document, operation.node().path("responses").path(status)))
                .as("%s answers %s", operation.name(), status)
                .isEqualTo(ERROR_BODY));
        });
    }

    /**
     * Every operation's 503 answer ({@code ServiceUnavailable}) names DatabaseUnavailable
     * and its Retry-After where the service keeps a database, and only there.
     */
    @ParameterizedTest
    @ValueSource(strings = { "receptor", "placement", "routes", "ssh-auth", "ssh-proxy", "cell-agent" })
    void theUnavailableAnswerNamesAnUnreachableDatabaseWhereThereIsOne(String service) {
        JsonNode unavailable = documents.get(service).path("components").path("responses").path("ServiceUnavailable");
        boolean keepsDatabase = !List.of("ssh-proxy", "cell-agent").contains(service);
        assertThat(unavailable.path("description").asString().contains("DatabaseUnavailable")).as(service)
            .isEqualTo(keepsDatabase);
        assertThat(unavailable.path("headers").has("Retry-After")).as(service).isEqualTo(keepsDatabase);
    }

    @Test
    void sshLoginRefusalsCarryTheirMachineReadableReason() {
        JsonNode document = documents.get("ssh-auth");
        for (JsonNode operation : List.of(document.path("paths").path("/v1/ssh/authorize").path("post"),
                document.path("paths").path("/internal/apps/{guid}/ssh_access/{index}").path("get"))) {
            for (String status : List.of("403", "429")) {
                JsonNode body = resolve(document,
                        operation.path("responses")
                            .path(status)
                            .path("content")
                            .path("application/json")
                            .path("schema"));
                assertThat(body.path("allOf").get(1).path("properties").path("reason").path("enum"))
                    .extracting(JsonNode::asString)
                    .contains("not_authorized", "code_used_or_expired", "instance_not_running", "rate_limited");
            }
        }
        assertThat(document.path("paths")
            .path("/v1/ssh/authorize")
            .path("post")
            .path("responses")
            .path("429")
            .path("headers")
            .has("Retry-After")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "receptor", "placement", "routes", "ssh-auth", "ssh-proxy", "cell-agent" })
    void pathParametersAreNamedAsTheApiNamesThem(String service) {
        assertThat(operations(service)).allSatisfy(operation -> {
            assertThat(operation.path()).as("path of %s", operation.name())
                .doesNotContain("{action}")
                .doesNotMatch(".*\\{[^}]*[A-Z][^}]*}.*");
            operation.node()
                .path("parameters")
                .forEach(parameter -> assertThat(parameter.path("name").asString())
                    .as("parameter of %s", operation.name())
                    .matches("[a-z][a-z0-9_]*|Last-Event-ID|Cache-Control|Idempotency-Key"));
        });
    }

    @Test
    void eachInstanceReportIsAnOperationOfItsOwn() {
        JsonNode paths = documents.get("receptor").path("paths");
        for (String action : List.of("claim", "start", "crash", "fail", "remove")) {
            JsonNode report = paths.path("/v1/cells/{cell_id}/actual_lrps/{process_guid}/index/{index}/" + action)
                .path("post");
            assertThat(report.path("summary").asString()).as(action).isNotBlank();
            assertThat(report.path("parameters")).extracting(p -> p.path("name").asString())
                .containsExactly("cell_id", "process_guid", "index");
        }
    }

    @Test
    void anActualLrpSaysWhichOfItsIndexsInstancesItIs() {
        JsonNode document = documents.get("receptor");
        JsonNode properties = document.path("components").path("schemas").path("ActualLrp").path("properties");
        assertThat(resolve(document, properties.path("presence")).path("enum")).extracting(JsonNode::asString)
            .containsExactly("ORDINARY", "EVACUATING", "SUSPECT");
        assertThat(properties.path("evacuating").path("type").asString()).isEqualTo("boolean");
    }

    @Test
    void scopesAreThoseTheServicesEnforce() {
        assertThat(scopes("receptor", "/v1/desired_lrps", "post")).containsExactly("receptor.write");
        assertThat(scopes("receptor", "/v1/desired_lrps/{process_guid}", "get")).containsExactly("receptor.read");
        assertThat(scopes("receptor", "/v1/cells", "get")).containsExactly("receptor.read", "cells.write");
        assertThat(scopes("receptor", "/v1/cells/{cell_id}", "put")).containsExactly("cells.write");
        assertThat(scopes("receptor", "/v1/cells/{cell_id}/work", "get")).containsExactly("cells.write");
        assertThat(scopes("placement", "/v1/rollouts", "get")).containsExactly("placement.admin");
        assertThat(scopes("placement", "/v1/placement/simulate", "post")).containsExactly("placement.admin");
        assertThat(scopes("routes", "/v1/routes", "get")).containsExactly("routes.read");
        assertThat(scopes("routes", "/v1/routes/events", "get")).containsExactly("routes.read");
        assertThat(scopes("routes", "/v1/tcp_routes", "get")).containsExactly("routes.read");
        assertThat(scopes("ssh-auth", "/v1/ssh/authorize", "post")).containsExactly("ssh.proxy");
        assertThat(scopes("ssh-auth", "/v1/ssh/grants/events", "get")).containsExactly("ssh.proxy");
        assertThat(scopes("ssh-auth", "/v1/ssh/policy/platform", "put")).containsExactly("ssh.admin");
        assertThat(scopes("ssh-auth", "/v1/ssh/spaces/{space_guid}/members", "get")).containsExactly("ssh.admin");
        assertThat(scopes("ssh-proxy", "/v1/apps/{app_guid}/instances/{index}/files/{path}", "get"))
            .containsExactly("cloud_controller.read");
    }

    private record Operation(String path, String method, JsonNode node) {

        String name() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static List<Operation> operations(String service) {
        List<Operation> operations = new ArrayList<>();
        documents.get(service)
            .path("paths")
            .properties()
            .forEach(path -> path.getValue()
                .properties()
                .forEach(method -> operations.add(new Operation(path.getKey(), method.getKey(), method.getValue()))));
        return operations;
    }

    /** Any one of these scopes opens the operation. */
    private static List<String> scopes(String service, String path, String method) {
        List<String> scopes = new ArrayList<>();
        documents.get(service)
            .path("paths")
            .path(path)
            .path(method)
            .path("security")
            .forEach(requirement -> requirement.path("bearer").forEach(scope -> scopes.add(scope.asString())));
        return scopes;
    }

    /**
     * The error schema a response's body is, or extends ({@code allOf} it and more, as
     * ssh-auth's refusals with their reason).
     */
    private static String errorBody(JsonNode document, JsonNode response) {
        String body = resolve(document, response).path("content")
            .path("application/json")
            .path("schema")
            .path("$ref")
            .asString();
        JsonNode extended = document.at(body.isEmpty() ? "/none" : body.substring(1)).path("allOf");
        return extended.isArray() && !extended.isEmpty() ? extended.get(0).path("$ref").asString() : body;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        return node.has("$ref") ? document.at(node.path("$ref").asString().substring(1)) : node;
    }

}
