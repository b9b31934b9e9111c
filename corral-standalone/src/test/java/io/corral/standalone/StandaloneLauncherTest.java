package io.corral.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.HostFingerprint;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import io.corral.sshproxy.server.HostKeys;
import io.corral.standalone.ApiCaller.Outcome;
import io.corral.support.FreePorts;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.ChildJvm;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.LocalPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher stopped by SIGTERM while clients write: it exits promptly, answers every
 * request (done, or 503), and keeps every write it acknowledged; while its own cell runs
 * apps, it exits as promptly. And ssh-auth-service publishes the host key the launcher's
 * SSH proxy presents.
 */
class StandaloneLauncherTest {

    private static final Duration STARTUP = Duration.ofSeconds(150);

    private static final int CLIENTS = 4;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    private final int receptorPort = FreePorts.pick();

    private final int placementPort = FreePorts.pick();

    private final int sshAuthPort = FreePorts.pick();

    private final int sshPort = FreePorts.pick();

    private final Map<String, String> env = Map.of("RECEPTOR_PORT", String.valueOf(receptorPort), "PLACEMENT_PORT",
            String.valueOf(placementPort), "ROUTE_EMITTER_PORT", String.valueOf(FreePorts.pick()), "SSH_AUTH_PORT",
            String.valueOf(sshAuthPort), "SSH_PROXY_PORT", String.valueOf(FreePorts.pick()), "CORRAL_SSHPROXY_PORT",
            String.valueOf(sshPort), "CORRAL_POSTGRES_PORT", String.valueOf(FreePorts.pick()), "CORRAL_CELL_AGENT",
            "off");

    private final List<ChildJvm> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(ChildJvm::kill);
        Postmasters.stop(directory.resolve(".corral/postgres"));
    }

    @Test
    void sigtermUnderLoadExitsWithinTenSecondsKeepingEveryAcknowledgedWrite() throws Exception {
        ChildJvm launcher = startLauncher();
        ApiCaller caller = new ApiCaller(receptor(), token());
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Outcome, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int client = 0; client < CLIENTS; client++) {
            String prefix = "lrp-" + client + "-";
            clients.execute(() -> {
                for (int i = 0; launcher.isAlive(); i++) {
                    String processGuid = prefix + i;
                    Outcome outcome = caller.desire(processGuid);
                    outcomes.computeIfAbsent(outcome, any -> new AtomicInteger()).incrementAndGet();
                    if (outcome == Outcome.ACKNOWLEDGED) {
                        acknowledged.add(processGuid);
                    }
                }
            });
        }
        Eventually.await(Duration.ofSeconds(60), "writes acknowledged before the signal",
                () -> acknowledged.size() >= 20);

        launcher.terminate();

        assertThat(launcher.exitsWithin(Duration.ofSeconds(10))).as("exited within 10 s of SIGTERM").isTrue();
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).as("every client's request ended").isTrue();
        assertThat(outcomes)
            .as("every request answered 2xx or 503, or refused; none hung or failed (unexpected answers: %s)",
                    caller.unexpectedAnswers())
            .doesNotContainKeys(Outcome.HUNG, Outcome.FAILED);
        assertThat(launcher.output()).doesNotContain("could not release");

        ChildJvm restarted = startLauncher();
        ReceptorClient receptor = new ReceptorClient(receptor(), this::token);
        assertThat(receptor.desiredLrps()).extracting(lrp -> lrp.processGuid()).containsAll(acknowledged);
        restarted.terminate();
        assertThat(restarted.exitsWithin(Duration.ofSeconds(10))).isTrue();
    }

    /**
     * The launcher's cell agent evacuates on shutdown only when another cell could take
     * its instances; alone, it stops them at once, so Ctrl-C stays quick with apps
     * running.
     */
    @Test
    void sigtermWithAppsOnTheLaunchersOwnCellExitsWithinTenSeconds() {
        Map<String, String> withCell = new HashMap<>(env);
        withCell.put("CORRAL_CELL_AGENT", "on");
        withCell.put("CELL_AGENT_PORT", String.valueOf(FreePorts.pick()));
        ChildJvm launcher = startLauncher(withCell);
        ReceptorClient receptor = new ReceptorClient(receptor(), this::token);
        receptor.desireLrp(ApiFixtures.desiredLrpBuilder("served")
            .instances(2)
            .ports(List.of(8080))
            .memoryMb(64)
            .diskMb(64)
            .action(ReceptorJson.mapper()
                .readTree("{\"run\": {\"path\": \"/bin/sh\", \"args\": [\"-c\", "
                        + "\"exec python3 -m http.server \\\"$PORT\\\" --bind 127.0.0.1\"]}}"))
            .build());
        Eventually.await(STARTUP, "both instances running on the launcher's cell",
                () -> receptor.actualLrps("served")
                    .stream()
                    .filter(lrp -> lrp.state() == ActualLrpState.RUNNING)
                    .count() == 2);

        launcher.terminate();

        assertThat(launcher.exitsWithin(Duration.ofSeconds(10))).as("exited within 10 s of SIGTERM").isTrue();
        assertThat(launcher.output()).contains("cell cell-1: no other cell takes work, so it stops without evacuating");
    }

    /**
     * The launcher makes its SSH proxy's host key before the services start and gives
     * ssh-auth-service its fingerprint, which {@code corral ssh} checks the proxy's key
     * against.
     */
    @Test
    void sshAuthServicePublishesTheFingerprintOfTheKeyTheProxyPresents() throws Exception {
        ChildJvm launcher = startLauncher();
        Eventually.await(STARTUP, "ssh-auth-service ready", () -> ready(sshAuthPort));
        HttpRequest info = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sshAuthPort + "/v1/ssh/info"))
            .header("Authorization", "Bearer " + token())
            .build();
        String published = ReceptorJson.mapper()
            .readTree(HTTP.send(info, HttpResponse.BodyHandlers.ofString()).body())
            .path("app_ssh_host_key_fingerprint")
            .asString();

        assertThat(published)
            .isEqualTo(HostKeys.sha256Fingerprint(directory.resolve(".corral/ssh-proxy-host.key"), false));
        // ssh-auth-service may be ready before the proxy listens.
        Eventually.await(STARTUP, "the proxy listening on its SSH port", () -> LocalPorts.listening(sshPort));
        assertThat(keysPresentedAt(sshPort)).isNotEmpty().anyMatch(HostFingerprint.parse(published)::matches);
        launcher.terminate();
        assertThat(launcher.exitsWithin(Duration.ofSeconds(10))).isTrue();
    }

    /**
     * The wire encodings of the host keys OpenSSH's ssh-keyscan reads at {@code port}.
     */
    private static List<byte[]> keysPresentedAt(int port) throws IOException, InterruptedException {
        Process keyscan = new ProcessBuilder("ssh-keyscan", "-p", String.valueOf(port), "127.0.0.1")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        String output = new String(keyscan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keyscan.waitFor(30, TimeUnit.SECONDS)).as("ssh-keyscan ended").isTrue();
        return output.lines()
            .filter(line -> !line.startsWith("#"))
            .map(line -> line.split("\\s+"))
            .filter(fields -> fields.length >= 3)
            .map(fields -> Base64.getDecoder().decode(fields[2]))
            .toList();
    }

    private ChildJvm startLauncher() {
        return startLauncher(env);
    }

    private ChildJvm startLauncher(Map<String, String> env) {
        ChildJvm launcher = ChildJvm.start(directory, env, CorralStandalone.class, "--logging.level.root=WARN",
                "--logging.level.io.corral=INFO");
        started.add(launcher);
        Eventually.await(STARTUP, "the launcher ready", () -> ready(receptorPort) && ready(placementPort));
        return launcher;
    }

    private URI receptor() {
        return URI.create("http://127.0.0.1:" + receptorPort);
    }

    private String token() {
        try {
            return Files.readString(directory.resolve(".corral/dev-token")).strip();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean ready(int port) {
        try {
            HttpRequest request = HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
