package io.corral.cell.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorJson;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The action tree's rules, on processes that only pretend to run. */
class ActionRunnerTest {

    @TempDir
    Path directory;

    private final FakeProcesses processes = new FakeProcesses();

    private final List<String> downloads = new CopyOnWriteArrayList<>();

    private final List<String> owners = new CopyOnWriteArrayList<>();

    private final ActionRunner runner = new ActionRunner(processes,
            (URI from, Path into) -> downloads.add(from + " -> " + into),
            new UserSwitch("agent", false, user -> true, (directory, user) -> {
            }));

    @Test
    void aRunSucceedsWithStatusZeroAndFailsNamingAnyOther() {
        assertThat(run("{\"run\": {\"path\": \"exit-0\"}}")).isEqualTo(Outcome.SUCCESS);
        assertThat(run("{\"run\": {\"path\": \"exit-3\"}}").failure()).isEqualTo("Exited with status 3");
    }

    @Test
    void aRunGetsItsArgumentsTheEnvironmentWithItsOwnOnTopAndItsDirectory() {
        run("{\"run\": {\"path\": \"exit-0\", \"args\": [\"-c\", \"x\"], \"dir\": \"/app\","
                + " \"env\": [{\"name\": \"B\", \"value\": \"run\"}]}}");

        ProcessStarter.Command command = processes.started.get(0);
        assertThat(command.args()).containsExactly("-c", "x");
        assertThat(command.environment()).containsEntry("A", "lrp").containsEntry("B", "run");
        assertThat(command.directory()).isEqualTo(directory.resolve("app"));
    }

    @Test
    void aRunMayNotLeaveTheContainersDirectory() {
        assertThat(run("{\"run\": {\"path\": \"exit-0\", \"dir\": \"../..\"}}").failure())
            .startsWith("run: path leaves the container");
        assertThat(processes.started).isEmpty();
    }

    @Test
    void aUserTheAgentMayNotSwitchToRunsAsTheAgent() {
        run("{\"run\": {\"path\": \"exit-0\", \"user\": \"vcap\"}}");

        assertThat(processes.started.get(0).user()).isNull();
    }

    @Test
    void aUserThatExistsIsHonouredWhenTheAgentMaySwitch() {
        ActionRunner asRoot = new ActionRunner(processes, (from, into) -> {
        }, new UserSwitch("root", true, "vcap"::equals, (directory, user) -> owners.add(user + " " + directory)));

        asRoot.run(action("{\"run\": {\"path\": \"exit-0\", \"user\": \"vcap\"}}"), context(new Scope(Duration.ZERO)));
        asRoot.run(action("{\"run\": {\"path\": \"exit-0\", \"user\": \"nobody-here\"}}"),
                context(new Scope(Duration.ZERO)));

        assertThat(processes.started).extracting(ProcessStarter.Command::user).containsExactly("vcap", null);
        assertThat(owners).containsExactly("vcap " + directory);
    }

    @Test
    void serialStopsAtTheFirstFailure() {
        Outcome outcome = run("{\"serial\": {\"actions\": [{\"run\": {\"path\": \"exit-0\"}},"
                + " {\"run\": {\"path\": \"exit-2\"}}, {\"run\": {\"path\": \"exit-0-never\"}}]}}");

        assertThat(outcome.failure()).isEqualTo("Exited with status 2");
        assertThat(processes.paths()).containsExactly("exit-0", "exit-2");
    }

    @Test
    void parallelRunsEveryActionAndFailsIfAnyFailed() {
        Outcome outcome = run("{\"parallel\": {\"actions\": [{\"run\": {\"path\": \"exit-0\"}},"
                + " {\"run\": {\"path\": \"exit-4\"}}, {\"run\": {\"path\": \"exit-0\"}}]}}");

        assertThat(outcome.failure()).isEqualTo("Exited with status 4");
        assertThat(processes.paths()).hasSize(3);
    }

    @Test
    void codependentActionsEndTogetherWhenOneEnds() {
        Outcome outcome = run("{\"codependent\": {\"actions\": [{\"run\": {\"path\": \"hang\"}},"
                + " {\"run\": {\"path\": \"exit-0\"}}]}}");

        // SIGTERM when the hanging branch had started, SIGKILL when it started after the
        // end, not started at all when the other had ended first.
        assertThat(outcome.failure()).matches("Exited with status (143|137)|cancelled");
        assertThat(processes.paths().contains("hang")).as("the hanging branch started")
            .isEqualTo(processes.signals.stream().anyMatch(signal -> signal.endsWith(" hang")));
    }

    @Test
    void diegoSshdBesideTheAppStartsNoProcessAndLastsAsLongAsTheApp() {
        Outcome outcome = run("{\"codependent\": {\"actions\": [{\"run\": {\"path\": \"/tmp/lifecycle/diego-sshd\","
                + " \"args\": [\"-address=0.0.0.0:2222\"]}}, {\"run\": {\"path\": \"exit-3\"}}]}}");

        assertThat(processes.paths()).containsExactly("exit-3");
        assertThat(outcome.failure()).contains("Exited with status 3");
    }

    @Test
    void tryTurnsAFailureIntoSuccess() {
        assertThat(run("{\"try\": {\"action\": {\"run\": {\"path\": \"exit-1\"}}}}")).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void timeoutEndsWhatRunsTooLong() {
        Outcome outcome = run("{\"timeout\": {\"timeout_ms\": 50, \"action\": {\"run\": {\"path\": \"hang\"}}}}");

        assertThat(outcome.failure()).isEqualTo("timed out after PT0.05S");
        assertThat(processes.signals).anyMatch(signal -> signal.endsWith(" hang"));
    }

    @Test
    void timeoutInNanosecondsAsOlderDiegoSentIt() {
        assertThat(run("{\"timeout\": {\"timeout\": 5000000000, \"action\": {\"run\": {\"path\": \"exit-0\"}}}}"))
            .isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void emitProgressPrefixesAFailure() {
        Outcome outcome = run("{\"emit_progress\": {\"start_message\": \"Staging...\", \"failure_message_prefix\":"
                + " \"Staging failed\", \"action\": {\"run\": {\"path\": \"exit-9\"}}}}");

        assertThat(outcome.failure()).isEqualTo("Staging failed: Exited with status 9");
    }

    @Test
    void downloadFetchesHttpIntoTheContainer() {
        assertThat(run("{\"download\": {\"from\": \"https://blobs.example.com/droplet.tgz\", \"to\": \"/app\"}}"))
            .isEqualTo(Outcome.SUCCESS);
        assertThat(downloads).containsExactly("https://blobs.example.com/droplet.tgz -> " + directory.resolve("app"));
    }

    @Test
    void downloadRefusesOtherSchemes() {
        assertThat(run("{\"download\": {\"from\": \"file:///etc/passwd\", \"to\": \"/app\"}}").failure())
            .isEqualTo("download: from must be an http(s) URL");
        assertThat(downloads).isEmpty();
    }

    @Test
    void anUnknownOrMalformedActionFails() {
        assertThat(run("{\"upload\": {\"from\": \"x\", \"to\": \"y\"}}").failure())
            .isEqualTo("unsupported action: upload");
        assertThat(run("{\"run\": {}, \"serial\": {}}").failure()).contains("one field");
    }

    @Test
    void aCancelledScopeEndsItsProcessesAndStartsNoMore() throws Exception {
        Scope scope = new Scope(Duration.ZERO);
        Thread running = new Thread(() -> runner.run(action("{\"run\": {\"path\": \"hang\"}}"), context(scope)));
        running.start();
        io.corral.testsupport.Eventually.await(Duration.ofSeconds(10), "the process started",
                () -> !processes.started.isEmpty());
        scope.cancel();
        running.join(10_000);

        assertThat(processes.signals).containsExactly("TERM hang", "KILL hang");
        assertThat(runner.run(action("{\"run\": {\"path\": \"exit-0\"}}"), context(scope)).failure())
            .isEqualTo("cancelled");
    }

    private Outcome run(String json) {
        return runner.run(action(json), context(new Scope(Duration.ofSeconds(5))));
    }

    private ActionContext context(Scope scope) {
        return new ActionContext(directory, Map.of("A", "lrp", "B", "lrp"),
                new InstanceLogs(directory.resolve("logs"), 4096), scope, null);
    }

    private static JsonNode action(String json) {
        return ReceptorJson.mapper().readTree(json);
    }

}
