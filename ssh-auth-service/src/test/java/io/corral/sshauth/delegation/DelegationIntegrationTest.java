package io.corral.sshauth.delegation;

import static io.corral.sshauth.SshAuthFixture.assertRefused;
import static io.corral.sshauth.SshAuthFixture.userToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.corral.sshauth.SshAuthFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A real Cloud Foundry's pieces, each played by a small HTTP server: the Cloud Controller
 * deciding access (delegation mode) and UAA exchanging one-time codes; and operators'
 * {@code diego:} logins with the configured credential.
 */
class DelegationIntegrationTest {

    private static final String UAA_CODE = "uaa-code-1";

    private static HttpServer cloudController;

    private static HttpServer uaa;

    private static final List<String> ccCalls = new CopyOnWriteArrayList<>();

    private static final List<String> uaaForms = new CopyOnWriteArrayList<>();

    private static SshAuthFixture platform;

    @BeforeAll
    static void start() throws IOException {
        cloudController = server(DelegationIntegrationTest::cloudControllerAnswer);
        uaa = server(DelegationIntegrationTest::uaaAnswer);
        platform = new SshAuthFixture(Map.of("corral.ssh.cloud-controller.url", url(cloudController),
                "corral.ssh.uaa.token-uri", url(uaa) + "/oauth/token", "corral.ssh.uaa.client-secret", "s3cret",
                "corral.ssh.operator.credential", "operator-pass"));
        platform.desire("cc-process-v2", "app-cc", "space-cc", 1);
        platform.run("cc-process-v2", 0);
    }

    @AfterAll
    static void stop() {
        platform.close();
        cloudController.stop(0);
        uaa.stop(0);
    }

    @Test
    void theCloudControllerDecidesWithTheUsersTokenAndNamesTheProcess() {
        String token = userToken("gina");
        JsonNode grant = platform.authorize("cf:app-cc/0", token, "203.0.113.80:1").expect(200);

        assertThat(grant.path("process_guid").asString()).isEqualTo("cc-process-v2");
        assertThat(grant.path("port").asInt()).isEqualTo(61000);
        assertThat(ccCalls).contains("/internal/apps/app-cc/ssh_access/0 bearer " + token);
    }

    @Test
    void aCloudControllerNoIsNotAuthorized() {
        assertRefused(platform.authorize("cf:app-secret/0", userToken("gina"), "203.0.113.81:1"), "not_authorized");
    }

    @Test
    void aUaaCodeIsExchangedWithTheProxysClient() {
        JsonNode grant = platform.authorize("cf:app-cc/0", UAA_CODE, "203.0.113.82:1").expect(200);

        assertThat(grant.path("user_id").asString()).isEqualTo("uaa-user");
        assertThat(uaaForms).anyMatch(form -> form.contains("grant_type=authorization_code")
                && form.contains("code=" + UAA_CODE) && form.contains("Basic c3NoLXByb3h5OnMzY3JldA=="));
        assertRefused(platform.authorize("cf:app-cc/0", "used-code", "203.0.113.83:1"), "code_used_or_expired");
    }

    @Test
    void aCodeOfOursCarriesTheUsersTokenToTheCloudControllerSealedUntilUsed() {
        String token = userToken("jill");
        String code = platform.http.send("POST", "/v1/ssh/codes", token, null).expect(201).path("code").asString();
        List<byte[]> kept = sealedTokens();
        assertThat(kept).hasSize(1);
        assertThat(new String(kept.get(0), StandardCharsets.ISO_8859_1)).doesNotContain(token.substring(0, 40));

        JsonNode grant = platform.authorize("cf:app-cc/0", code, "203.0.113.87:1").expect(200);

        assertThat(grant.path("user_id").asString()).isEqualTo("jill");
        assertThat(ccCalls).contains("/internal/apps/app-cc/ssh_access/0 bearer " + token);
        assertThat(sealedTokens()).isEmpty();
        assertRefused(platform.authorize("cf:app-cc/0", code, "203.0.113.87:2"), "code_used_or_expired");
    }

    @Test
    void anOperatorLogsInWithTheConfiguredCredentialOnly() {
        JsonNode grant = platform.authorize("diego:cc-process-v2/0", "operator-pass", "203.0.113.84:1").expect(200);
        assertThat(grant.path("user_id").asString()).isEqualTo("diego-operator");
        assertThat(grant.path("permissions").path("shell").asBoolean()).isTrue();

        assertRefused(platform.authorize("diego:cc-process-v2/0", "operator-pas", "203.0.113.85:1"),
                "invalid_credential");
        assertRefused(platform.authorize("diego:no-such-process/0", "operator-pass", "203.0.113.86:1"),
                "not_authorized");
        assertRefused(platform.authorize("diego:cc-process-v2/3", "operator-pass", "203.0.113.86:2"), "no_such_index");
    }

    @Test
    void theServiceAnswersTheCloudControllersEndpointFromItsOwnPolicy() {
        platform.addDeveloper("space-cc", "hank");
        JsonNode allowed = platform.http.send("GET", "/internal/apps/app-cc/ssh_access/0", userToken("hank"), null)
            .expect(200);
        assertThat(allowed.path("process_guid").asString()).isEqualTo("cc-process-v2");
        assertRefused(platform.http.send("GET", "/internal/apps/app-cc/ssh_access/0", userToken("ivy"), null),
                "not_authorized");
        platform.http.send("GET", "/internal/apps/app-cc/ssh_access/0", null, null).assertError(401, "Unauthorized");
    }

    private static List<byte[]> sealedTokens() {
        return platform.sshAuth.bean(JdbcClient.class)
            .sql("select sealed_token from ssh_codes where sealed_token is not null")
            .query((rs, n) -> rs.getBytes(1))
            .list();
    }

    private static void cloudControllerAnswer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        ccCalls.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
        if (path.equals("/internal/apps/app-cc/ssh_access/0")) {
            respond(exchange, 200, "{\"process_guid\": \"cc-process-v2\"}");
        }
        else {
            respond(exchange, 404, "{\"code\": 10000}");
        }
    }

    private static void uaaAnswer(HttpExchange exchange) throws IOException {
        String form = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        uaaForms.add(form + " " + exchange.getRequestHeaders().getFirst("Authorization"));
        if (form.contains("code=" + UAA_CODE)) {
            respond(exchange, 200, "{\"access_token\": \"" + userToken("uaa-user") + "\", \"token_type\": \"bearer\"}");
        }
        else {
            respond(exchange, 400, "{\"error\": \"invalid_grant\"}");
        }
    }

    private static HttpServer server(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            }
            finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String json) {
        try {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Handler {

        void handle(HttpExchange exchange) throws IOException;

    }

}
