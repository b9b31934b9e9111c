package io.corral.cell.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.corral.cell.container.ContainerListener;
import io.corral.cell.container.ContainerSpec;
import io.corral.cell.container.InstanceHook;
import io.corral.cell.container.LogStream;
import io.corral.cell.container.ResourceLimits;
import io.corral.cell.container.TaskOutcome;
import io.corral.cell.settings.CellProperties.ProcessSettings;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.Eventually;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The {@code process} backend on real processes and the host's shell. */
class ProcessContainersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @TempDir
    Path outside;

    private final Reports reports = new Reports();

    private final Hooks hooks = new Hooks();

    private ProcessContainers containers;

    private MemoryCgroups cgroups;

    private HttpServer blobs;

    @AfterEach
    void cleanUp() {
        if (containers != null) {
            containers.stopAll();
        }
        if (blobs != null) {
            blobs.stop(0);
        }
    }

    @Test
    void stoppingEndsEveryProcessTheInstanceStarted() {
        start(instance("i-group", sh("sleep 3101 & sleep 3102 & wait"), null, List.of()));
        Eventually.await(WAIT, "both children run", () -> running("sleep 3101") && running("sleep 3102"));

        containers.stop("i-group");

        Eventually.await(WAIT, "the group is gone", () -> !running("sleep 3101") && !running("sleep 3102"));
        assertThat(containers.held()).isEmpty();
        assertThat(work.resolve("containers").resolve("i-group")).doesNotExist();
        assertThat(reports.events).containsExactly("running []");
    }

    @Test
    void theNextStartOfTheAgentStopsWhatAKilledOneLeftRunning() {
        start(instance("i-left", sh("sleep 3111 & sleep 3112 & wait"), null, List.of()));
        Eventually.await(WAIT, "both children run", () -> running("sleep 3111") && running("sleep 3112"));
        containers = null;

        start(instance("i-next", sh("sleep 3113"), null, List.of()));

        Eventually.await(WAIT, "the leftovers are gone", () -> !running("sleep 3111") && !running("sleep 3112"));
        Eventually.await(WAIT, "the new instance runs", () -> running("sleep 3113"));
        assertThat(containers.held()).containsExactly("i-next");
    }

    /** Only where the host offers a memory cgroup controller the tests may use. */
    @Test
    void anInstanceOverItsMemoryLimitIsKilledAndSaysSo() {
        cgroups = MemoryCgroups.forCell("cell-under-test").orElse(null);
        assumeTrue(cgroups != null, "the host offers no memory cgroup the tests may use");
        JsonNode hog = sh("head -c 200000000 /dev/zero | tail");

        start(limited("i-hog", hog, null, List.of(), new ResourceLimits(32, 0)));

        Eventually.await(WAIT, "crashed", () -> reports.events.stream().anyMatch(e -> e.startsWith("crashed")));
        assertThat(reports.events.get(reports.events.size() - 1))
            .isEqualTo("crashed APP/PROC/WEB: Exited with status 137 (out of memory)");
    }

    @Test
    void anInstanceOverItsDiskLimitCrashesAndSaysSo() {
        JsonNode filler = sh("head -c 3000000 /dev/zero > filler; sleep 3114");

        start(limited("i-filler", filler, null, List.of(), new ResourceLimits(0, 1)));

        Eventually.await(WAIT, "crashed", () -> reports.events.size() == 2);
        assertThat(reports.events.get(1))
            .isEqualTo("crashed APP/PROC/WEB: Exceeded its disk limit: uses 3 MB of disk_mb 1");
        Eventually.await(WAIT, "the action is gone", () -> !running("sleep 3114"));
    }

    @Test
    void theMonitorDecidesWhenTheInstanceRunsAndWhenItIsUnhealthy() throws Exception {
        Path flag = outside.resolve("healthy");
        JsonNode monitor = sh("test -f " + flag);
        start(instance("i-monitored", sh("sleep 3103"), monitor, List.of(8080)));
        assertThat(reports.events).isEmpty();

        Files.createFile(flag);
        Eventually.await(WAIT, "running", () -> reports.events.size() == 1);
        assertThat(reports.events.get(0)).startsWith("running [PortMapping[containerPort=8080, hostPort=");
        Files.delete(flag);

        Eventually.await(WAIT, "crashed", () -> reports.events.size() == 2);
        assertThat(reports.events.get(1)).isEqualTo("crashed Instance became unhealthy: Exited with status 1");
        Eventually.await(WAIT, "the action is gone", () -> !running("sleep 3103"));
        assertThat(containers.held()).isEmpty();
    }

    @Test
    void anInstanceWithAnSshRouteIsHandedToTheHooksWithItsDirectoryEnvironmentAndPorts() {
        JsonNode sshRoute = ReceptorJson.mapper().readTree("{\"container_port\": 2222, \"user\": \"vcap\"}");
        start(new ContainerSpec("i-ssh", ContainerSpec.Kind.INSTANCE, "web", 3, null, sh("sleep 3104"), null, null,
                List.of(8080, 2222), Duration.ofSeconds(60), null, sshRoute, null));

        Eventually.await(WAIT, "the hook heard of it", () -> !hooks.started.isEmpty());
        InstanceHook.StartedInstance started = hooks.started.get(0);
        assertThat(started.directory()).isEqualTo(work.resolve("containers").resolve("i-ssh"));
        assertThat(started.environment()).containsEntry("INSTANCE_INDEX", "3");
        assertThat(started.hostPort(2222)).isPositive().isNotEqualTo(started.hostPort(8080));
        assertThat(started.sshRoute()).isEqualTo(sshRoute);
        assertThat(started.action()).isEqualTo(sh("sleep 3104"));

        containers.stop("i-ssh");
        assertThat(hooks.stopped).containsExactly("i-ssh");
    }

    @Test
    void aTaskDownloadsItsArchivesAndReportsItsResultFile() throws Exception {
        serveBlobs();
        String script = "cat tgz/hello.txt zip/dir/world.txt > $TMPDIR/result";
        JsonNode action = ReceptorJson.mapper()
            .readTree("{\"serial\": {\"actions\": [" + "{\"download\": {\"from\": \"" + blob("/app.tgz")
                    + "\", \"to\": \"/tgz\"}}, {\"download\": {\"from\": \"" + blob("/app.zip")
                    + "\", \"to\": \"/zip\"}}, " + sh(script) + "]}}");

        start(task("t-download", action));

        Eventually.await(WAIT, "completed", () -> !reports.events.isEmpty());
        assertThat(reports.events)
            .containsExactly("completed TaskOutcome[failed=false, failureReason=null, result=hello\nworld\n]");
    }

    @Test
    void aDownloadThatIsNoArchiveFailsTheTask() throws Exception {
        serveBlobs();
        JsonNode action = ReceptorJson.mapper()
            .readTree("{\"download\": {\"from\": \"" + blob("/plain.txt") + "\", \"to\": \"/app\"}}");

        start(task("t-bad-download", action));

        Eventually.await(WAIT, "completed", () -> !reports.events.isEmpty());
        assertThat(reports.events.get(0)).contains("failed=true, failureReason=Downloading failed: not a tar.gz");
    }

    @Test
    void codependentProcessesEndTogether() {
        JsonNode action = ReceptorJson.mapper()
            .readTree("{\"codependent\": {\"actions\": [" + sh("sleep 3105") + ", " + sh("exit 0") + "]}}");

        start(task("t-codependent", action));

        Eventually.await(WAIT, "completed", () -> !reports.events.isEmpty());
        // SIGTERM, or SIGKILL when the sleep started only after the other had ended.
        assertThat(reports.events.get(0)).containsPattern("failed=true, failureReason=Exited with status (143|137)");
        assertThat(running("sleep 3105")).isFalse();
    }

    @Test
    void aTimeoutEndsARealProcess() {
        JsonNode action = ReceptorJson.mapper()
            .readTree("{\"timeout\": {\"timeout_ms\": 300, \"action\": " + sh("sleep 3106") + "}}");

        start(task("t-timeout", action));

        Eventually.await(WAIT, "completed", () -> !reports.events.isEmpty());
        assertThat(reports.events)
            .containsExactly("completed TaskOutcome[failed=true, failureReason=timed out after PT0.3S, result=]");
        assertThat(running("sleep 3106")).isFalse();
    }

    /** Only where the tests run as root and the host has {@code nobody}. */
    @Test
    void aRunsUserIsHonouredWhereTheAgentMaySwitchAndItOwnsTheDirectory() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the agent may switch users only as root");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        JsonNode action = ReceptorJson.mapper()
            .readTree("{\"run\": {\"path\": \"/bin/sh\", \"args\": [\"-c\", \"id -un > $TMPDIR/result\"],"
                    + " \"user\": \"nobody\"}}");

        start(task("t-nobody", action));

        Eventually.await(WAIT, "completed", () -> !reports.events.isEmpty());
        assertThat(reports.events)
            .containsExactly("completed TaskOutcome[failed=false, failureReason=null, result=nobody\n]");
    }

    @Test
    void outputIsKeptBoundedAndReadableAfterTheTaskEnded() {
        start(task("t-chatty", sh("yes x | head -c 100000; touch $TMPDIR/result; echo oops >&2")));

        Eventually.await(WAIT, "completed", () -> !reports.events.isEmpty());
        String stdout = containers.logs("t-chatty", LogStream.STDOUT).orElseThrow();
        assertThat(stdout.length()).isBetween(4096, 2 * 4096 + 8192);
        assertThat(stdout).matches("[x\\n]+");
        assertThat(containers.logs("t-chatty", LogStream.STDERR)).contains("oops\n");
        assertThat(containers.logs("../t-chatty", LogStream.STDERR)).isEmpty();
    }

    /**
     * Its processes append to the instance's log files themselves: nothing they write
     * passes through the agent, so an agent that is killed (and its end of a pipe with
     * it) leaves them writing and serving as before.
     */
    @Test
    void anInstancesProcessesWriteToItsLogFilesThemselves() throws Exception {
        start(instance("i-writer", sh("echo started; echo warned >&2; exec sleep 3121"), null, List.of()));
        Eventually.await(WAIT, "it runs", () -> running("sleep 3121"));
        Path proc = Path.of("/proc", String.valueOf(processOf("sleep 3121").pid()), "fd");
        Path logs = work.resolve("logs").resolve("i-writer").toRealPath();

        assertThat(Files.readSymbolicLink(proc.resolve("0"))).isEqualTo(Path.of("/dev/null"));
        assertThat(Files.readSymbolicLink(proc.resolve("1"))).isEqualTo(logs.resolve("stdout.log"));
        assertThat(Files.readSymbolicLink(proc.resolve("2"))).isEqualTo(logs.resolve("stderr.log"));
        // The shell that execs sleep has it in its command line too, so it may not have
        // echoed yet.
        Eventually.untilPasses(WAIT, () -> {
            assertThat(containers.logs("i-writer", LogStream.STDOUT)).contains("started\n");
            assertThat(containers.logs("i-writer", LogStream.STDERR)).contains("warned\n");
        });
    }

    @Test
    void aRunningInstancesOutputIsTrimmedToItsLimit() {
        start(instance("i-chatty", sh("yes x | head -c 100000; exec sleep 3122"), null, List.of()));

        Eventually.untilPasses(WAIT, () -> {
            String stdout = containers.logs("i-chatty", LogStream.STDOUT).orElseThrow();
            assertThat(stdout.length()).isBetween(4096, 2 * 4096);
            assertThat(stdout).matches("[x\\n]+");
        });
    }

    private void start(ContainerSpec spec) {
        if (containers == null) {
            ActionRunner runner = new ActionRunner(new OsProcessStarter(), new HttpArchiveFetcher(),
                    UserSwitch.ofHost());
            containers = new ProcessContainers(work, "127.0.0.1",
                    new ProcessSettings(Duration.ofSeconds(2), 4096L, Duration.ofMillis(50), Duration.ofMillis(100)),
                    runner, List.of(hooks), cgroups);
        }
        containers.start(spec, reports);
    }

    private static ContainerSpec instance(String id, JsonNode action, JsonNode monitor, List<Integer> ports) {
        return limited(id, action, monitor, ports, ResourceLimits.NONE);
    }

    private static ContainerSpec limited(String id, JsonNode action, JsonNode monitor, List<Integer> ports,
            ResourceLimits limits) {
        return new ContainerSpec(id, ContainerSpec.Kind.INSTANCE, "web", 0, null, action, monitor, null, ports,
                Duration.ofSeconds(600), null, null, limits);
    }

    private static ContainerSpec task(String id, JsonNode action) {
        return new ContainerSpec(id, ContainerSpec.Kind.TASK, null, 0, null, action, null, null, null, Duration.ZERO,
                "/tmp/result", null, null);
    }

    private static JsonNode sh(String script) {
        return ReceptorJson.mapper()
            .createObjectNode()
            .set("run",
                    ReceptorJson.mapper()
                        .createObjectNode()
                        .put("path", "/bin/sh")
                        .set("args", ReceptorJson.mapper().createArrayNode().add("-c").add(script)));
    }

    private static ProcessHandle processOf(String commandLine) {
        return ProcessHandle.allProcesses()
            .filter(process -> process.info().commandLine().orElse("").endsWith(commandLine))
            .findFirst()
            .orElseThrow();
    }

    private static boolean running(String commandLine) {
        return ProcessHandle.allProcesses()
            .anyMatch(process -> process.info().commandLine().orElse("").endsWith(commandLine));
    }

    private void serveBlobs() throws Exception {
        Path tree = outside.resolve("tree");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("hello.txt"), "hello\n");
        Path tgz = outside.resolve("app.tgz");
        Process tar = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", tree.toString(), "hello.txt").start();
        assertThat(tar.waitFor()).isZero();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("dir/world.txt"));
            out.write("world\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] tgzBytes = Files.readAllBytes(tgz);
        blobs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/app.tgz", tgzBytes);
        serve("/app.zip", zip.toByteArray());
        serve("/plain.txt", "just text".getBytes(StandardCharsets.UTF_8));
        blobs.start();
    }

    private void serve(String path, byte[] body) {
        blobs.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private String blob(String path) {
        return "http://127.0.0.1:" + blobs.getAddress().getPort() + path;
    }

    private static final class Reports implements ContainerListener {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void running(List<PortMapping> ports) {
            events.add("running " + ports);
        }

        @Override
        public void crashed(String reason) {
            events.add("crashed " + reason);
        }

        @Override
        public void completed(TaskOutcome outcome) {
            events.add("completed " + outcome);
        }

    }

    private static final class Hooks implements InstanceHook {

        final List<StartedInstance> started = new CopyOnWriteArrayList<>();

        final List<String> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void started(StartedInstance instance) {
            started.add(instance);
        }

        @Override
        public void stopped(String instanceGuid) {
            stopped.add(instanceGuid);
        }

    }

}
