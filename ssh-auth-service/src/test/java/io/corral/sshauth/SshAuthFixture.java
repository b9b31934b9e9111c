package io.corral.sshauth;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.RawHttp.Response;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * A real receptor and ssh-auth-service beside it, each on its own fresh database, and the
 * calls the tests make: a proxy's logins, an admin's policy, users' tokens.
 */
public final class SshAuthFixture implements AutoCloseable {

    public static final String PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

    public static final String FINGERPRINT = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";

    public static final String CELL = "cell-z1-0";

    public final ServiceUnderTest receptorService;

    public final ServiceUnderTest sshAuth;

    public final ReceptorClient receptor;

    public final RawHttp http;

    public SshAuthFixture(Map<String, String> settings) {
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("corral.convergence.interval", "1h"));
        Map<String, String> all = new HashMap<>(settings);
        all.put("corral.receptor.url", receptorService.uri().toString());
        sshAuth = ServiceUnderTest.start(SshAuthApplication.SERVICE, all);
        receptor = receptorService.client();
        receptor.heartbeat(CELL, ApiFixtures.cell(CELL, "z1", List.of()));
        http = new RawHttp(sshAuth.uri());
    }

    public SshAuthFixture() {
        this(Map.of());
    }

    /** The desired LRP of an app version, with a diego-ssh route. */
    public DesiredLrp desire(String processGuid, String appGuid, String spaceGuid, int instances) {
        JsonNode ssh = ReceptorJson.mapper()
            .valueToTree(Map.of("container_port", 2222, "user", "vcap", "private_key", PRIVATE_KEY, "host_fingerprint",
                    FINGERPRINT));
        DesiredLrp lrp = ApiFixtures.desiredLrpBuilder(processGuid)
            .appGuid(appGuid)
            .spaceGuid(spaceGuid)
            .instances(instances)
            .routes(Map.of("diego-ssh", ssh))
            .build();
        receptor.desireLrp(lrp);
        return lrp;
    }

    /**
     * Runs the instance at {@code index} on {@link #CELL} at 10.0.0.9 with 2222 mapped to
     * 61000 + index.
     */
    public ActualLrp run(String processGuid, int index) {
        return run(processGuid, index, CELL, "10.0.0.9");
    }

    /**
     * Runs the index's current instance on {@code cellId} at {@code address} with 2222
     * mapped to 61000 + index.
     */
    public ActualLrp run(String processGuid, int index, String cellId, String address) {
        ActualLrp unclaimed = receptor.actualLrp(processGuid, index);
        ActualLrp assigned = receptor.assign(processGuid, index,
                new Assignment(unclaimed.instanceGuid(), cellId, null));
        ActualLrp claimed = receptor.transition(cellId, processGuid, index, "claim", ApiFixtures.transition(assigned));
        return receptor.transition(cellId, processGuid, index, "start",
                new InstanceTransition(claimed.instanceGuid(), claimed.modificationTag(), address,
                        List.of(new PortMapping(8080, 60000 + index), new PortMapping(2222, 61000 + index)), null,
                        null));
    }

    public static String proxyToken() {
        return TestTokens.withScopes("ssh.proxy");
    }

    public static String adminToken() {
        return TestTokens.withScopes("ssh.admin");
    }

    /** A user's token as UAA issues it. */
    public static String userToken(String userId, String... scopes) {
        return TestTokens.withClaims(Map.of("user_id", userId, "user_name", userId + "-name"), scopes);
    }

    /**
     * A token of {@code userId} that expired five minutes ago (issued ten minutes ago).
     */
    public static String expiredUserToken(String userId) {
        long now = System.currentTimeMillis();
        return TestTokens.withClaims(claims -> claims.claim("user_id", userId)
            .issueTime(new Date(now - 600_000))
            .expirationTime(new Date(now - 300_000)));
    }

    public Response authorize(String username, String password) {
        return authorize(username, password, "203.0.113.7:51234");
    }

    public Response authorize(String username, String password, String clientAddress) {
        return authorize(http, username, password, clientAddress);
    }

    /** A proxy's login at the ssh-auth-service {@code at}. */
    public static Response authorize(RawHttp at, String username, String password, String clientAddress) {
        String body = ReceptorJson.mapper()
            .writeValueAsString(Map.of("username", username, "password", password, "client_address", clientAddress));
        return at.send("POST", "/v1/ssh/authorize", proxyToken(), body);
    }

    /**
     * A second ssh-auth-service on the same database and receptor: a replica (the caller
     * closes it).
     */
    public ServiceUnderTest startReplica() {
        Environment first = sshAuth.bean(Environment.class);
        Map<String, String> settings = new HashMap<>();
        for (String name : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "corral.receptor.url")) {
            settings.put(name, first.getProperty(name, ""));
        }
        return ServiceUnderTest.start(SshAuthApplication.SERVICE, settings);
    }

    public Response admin(String method, String path, String json) {
        return http.send(method, path, adminToken(), json);
    }

    public void addDeveloper(String spaceGuid, String userId) {
        admin("PUT", "/v1/ssh/spaces/" + spaceGuid + "/members/" + userId, "{\"role\": \"developer\"}").expect(200);
    }

    /** Asserts a refusal with {@code reason}. */
    public static void assertRefused(Response response, String reason) {
        response.assertError(403, "SshAccessRefused");
        org.assertj.core.api.Assertions.assertThat(response.json().path("reason").asString())
            .as("reason of %s", response.body())
            .isEqualTo(reason);
    }

    @Override
    public void close() {
        sshAuth.close();
        receptorService.close();
    }

}
