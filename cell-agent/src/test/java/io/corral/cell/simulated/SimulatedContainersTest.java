package io.corral.cell.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.cell.container.ContainerListener;
import io.corral.cell.container.ContainerSpec;
import io.corral.cell.container.TaskOutcome;
import io.corral.cell.settings.CellProperties.SimulatedSettings;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorJson;
import io.corral.testsupport.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedContainersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private final Reports reports = new Reports();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void anInstanceRunsWithAHostPortPerContainerPortAndStaysHeld() {
        SimulatedContainers containers = new SimulatedContainers(new SimulatedSettings(Duration.ofMillis(10), 0.0),
                new Random(1), timer);

        containers.start(instance("i-1"), reports);

        Eventually.await(WAIT, "reported running", () -> !reports.events.isEmpty());
        assertThat(reports.events).hasSize(1).first().asString().startsWith("running [PortMapping[containerPort=8080");
        assertThat(containers.held()).containsExactly("i-1");
        containers.stop("i-1");
        assertThat(containers.held()).isEmpty();
    }

    @Test
    void atACrashRateOfOneEveryInstanceCrashesAndIsLetGo() {
        SimulatedContainers containers = new SimulatedContainers(new SimulatedSettings(Duration.ZERO, 1.0),
                new Random(1), timer);

        containers.start(instance("i-1"), reports);

        Eventually.await(WAIT, "reported crashed", () -> !reports.events.isEmpty());
        assertThat(reports.events).containsExactly("crashed APP/PROC/WEB: Exited with status 1 (simulated crash)");
        Eventually.await(WAIT, "let go", () -> containers.held().isEmpty());
    }

    @Test
    void aStoppedContainerReportsNothing() throws Exception {
        SimulatedContainers containers = new SimulatedContainers(new SimulatedSettings(Duration.ofMillis(200), 0.0),
                new Random(1), timer);

        containers.start(instance("i-1"), reports);
        containers.stop("i-1");
        timer.schedule(() -> null, 400, java.util.concurrent.TimeUnit.MILLISECONDS).get();

        assertThat(reports.events).isEmpty();
    }

    @Test
    void aTaskCompletes() {
        SimulatedContainers containers = new SimulatedContainers(new SimulatedSettings(Duration.ZERO, 0.0),
                new Random(1), timer);

        containers.start(new ContainerSpec("t-1", ContainerSpec.Kind.TASK, null, 0, null, action(), null, null, null,
                Duration.ZERO, "/tmp/result", null, null), reports);

        Eventually.await(WAIT, "completed", () -> !reports.events.isEmpty());
        assertThat(reports.events).containsExactly("completed TaskOutcome[failed=false, failureReason=null, result=]");
    }

    private static ContainerSpec instance(String id) {
        return new ContainerSpec(id, ContainerSpec.Kind.INSTANCE, "web", 0, null, action(), null, null,
                List.of(8080, 2222), Duration.ofSeconds(60), null, null, null);
    }

    private static tools.jackson.databind.JsonNode action() {
        return ReceptorJson.mapper().readTree("{\"run\": {\"path\": \"/app/start\"}}");
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

}
