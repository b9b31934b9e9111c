package io.corral.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import io.corral.testsupport.fuzz.FuzzRequest.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends {@link FuzzRequest}s to a service under test, holding every scope, and checks
 * what any request must get: never a 5xx; a 4xx stores nothing (the service's tables are
 * equal before and after); an error body of the API's shape which, for a 400 about a body
 * of the endpoint's shape, names a field.
 */
public final class ApiFuzzer {

    private static final String EVERY_SCOPE[] = { "receptor.read", "receptor.write", "cells.write", "placement.admin",
            "ssh.proxy", "routes.read", "ssh.admin", "cloud_controller.read", "cells.read" };

    /**
     * Rows that change without a request (leases are renewed on a schedule), or that a
     * refusal must write (ssh-auth audits every refused login and counts a failed one).
     */
    private static final List<String> UNTRACKED_TABLES = List.of("flyway_schema_history", "leases", "ssh_access_audit",
            "ssh_failure_buckets");

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final URI baseUri;

    private final JdbcTemplate database;

    private final String token = TestTokens.withScopes(EVERY_SCOPE);

    public ApiFuzzer(ServiceUnderTest service) {
        this.baseUri = service.uri();
        this.database = databaseOf(service);
    }

    /** The service's database; none for a service that keeps no state (ssh-proxy). */
    private static JdbcTemplate databaseOf(ServiceUnderTest service) {
        try {
            return new JdbcTemplate(service.bean(DataSource.class));
        }
        catch (NoSuchBeanDefinitionException stateless) {
            return null;
        }
    }

    /** The endpoints the service's own {@code /v3/api-docs} describes. */
    public List<ApiEndpoint> endpoints() {
        Answer docs = send("GET", "/v3/api-docs", null);
        assertThat(docs.status()).as("GET /v3/api-docs").isEqualTo(200);
        return ApiEndpoint.from(ReceptorJson.mapper().readTree(docs.body()), ApiFixtures.runAction("/bin/true"));
    }

    public void check(FuzzRequest request) {
        Map<String, String> before = fingerprint();
        Answer answer = send(request.endpoint().method(), request.path(), request.body());
        assertThat(answer.status()).as("status of %s: %s", request, answer.body()).isLessThan(500);
        if (!isRefusedLogin(answer)) {
            assertThat(answer.status()).as("a token of every scope refused: %s: %s", request, answer.body())
                .isNotIn(401, 403);
        }
        if (answer.status() < 400) {
            assertThat(!request.wrongType()).as("a wrong-typed field accepted: %s", request).isTrue();
            assertThat(request.duplicateKey() == null).as("a duplicate key accepted: %s", request).isTrue();
            return;
        }
        assertThat(fingerprint()).as("tables after %s answered %s", request, answer.status()).isEqualTo(before);
        JsonNode error = errorBody(request, answer);
        if (answer.status() == 400 && request.target() == Target.BODY && !request.endpoint().fieldNames().isEmpty()) {
            String message = error.path("message").asString();
            // A path variable the document gives no allowed values may be refused
            // instead.
            assertThat(Stream
                .concat(request.endpoint().fieldNames().stream(), request.endpoint().pathParameters().keySet().stream())
                .anyMatch(message::contains)).as("a 400 about a body naming no field of %s: %s", request, message)
                .isTrue();
        }
    }

    private JsonNode errorBody(FuzzRequest request, Answer answer) {
        try {
            JsonNode error = ReceptorJson.mapper().readTree(answer.body());
            assertThat(error.path("name").isString() && error.path("message").isString())
                .as("error shape of %s: %s", request, answer.body())
                .isTrue();
            return error;
        }
        catch (JacksonException e) {
            throw new AssertionError(
                    "not a JSON error body for " + request + ": " + answer.status() + " " + answer.body(), e);
        }
    }

    /** Each tracked table's row count and a digest of its rows. */
    /**
     * ssh-auth answers a refused SSH login 403 SshAccessRefused: the credential in the
     * body was refused, not the token.
     */
    private static boolean isRefusedLogin(Answer answer) {
        return answer.status() == 403 && answer.body().contains("\"name\":\"SshAccessRefused\"");
    }

    private Map<String, String> fingerprint() {
        Map<String, String> tables = new TreeMap<>();
        if (database == null) {
            return tables;
        }
        List<String> names = database.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", String.class);
        for (String name : names) {
            if (!UNTRACKED_TABLES.contains(name)) {
                tables.put(name, database.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, "
                        + "'|' ORDER BY t::text)), '') FROM \"" + name + "\" t", String.class));
            }
        }
        return tables;
    }

    private Answer send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token)
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
            .build();
        try {
            HttpResponse<String> response = http.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String body) {
    }

}
