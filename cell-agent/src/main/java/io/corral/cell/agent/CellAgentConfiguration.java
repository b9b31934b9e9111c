package io.corral.cell.agent;

import io.corral.cell.container.Containers;
import io.corral.cell.container.InstanceHook;
import io.corral.cell.process.ActionRunner;
import io.corral.cell.process.HttpArchiveFetcher;
import io.corral.cell.process.MemoryCgroups;
import io.corral.cell.process.OsProcessStarter;
import io.corral.cell.process.ProcessContainers;
import io.corral.cell.process.UserSwitch;
import io.corral.cell.settings.CellProperties;
import io.corral.cell.settings.HostCapacity;
import io.corral.cell.simulated.SimulatedContainers;
import io.corral.receptor.api.Cell;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.Threads;
import io.corral.support.receptor.ReceptorProperties;
import io.corral.support.security.ServiceTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the agent of the cell the settings describe, with the backend they name, and runs
 * it with the application.
 */
@Configuration
public class CellAgentConfiguration {

    /**
     * The agent's own client: its long poll waits up to a minute, longer than the shared
     * client's request timeout.
     */
    @Bean
    ReceptorClient receptorClient(ReceptorProperties receptor, ServiceTokens tokens) {
        return new ReceptorClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), receptor.url(),
                tokens, Duration.ofSeconds(90));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService simulatedTimer() {
        return Executors.newSingleThreadScheduledExecutor(Threads.daemon("cell-simulated"));
    }

    @Bean
    Containers containers(CellProperties cell, ObjectProvider<InstanceHook> hooks,
            ScheduledExecutorService simulatedTimer) {
        if (cell.backend() == CellProperties.Backend.SIMULATED) {
            return new SimulatedContainers(cell.simulated(), new Random(), simulatedTimer);
        }
        ActionRunner runner = new ActionRunner(new OsProcessStarter(), new HttpArchiveFetcher(), UserSwitch.ofHost());
        return new ProcessContainers(cell.workDirectory(), cell.address(), cell.process(), runner,
                hooks.orderedStream().toList(), MemoryCgroups.forCell(cell.id()).orElse(null));
    }

    @Bean
    CellAgent cellAgent(CellProperties cell, ReceptorClient receptorClient, Containers containers,
            MeterRegistry meters) {
        Cell heartbeat = new Cell(cell.id(), cell.zone(), cell.repAddress(),
                HostCapacity.of(cell.capacity(), cell.workDirectory()), cell.placementTags(),
                cell.optionalPlacementTags(), cell.rootfsProviders(), cell.heartbeatTtlSeconds(), null);
        return new CellAgent(heartbeat, cell.address(), receptorClient, containers, cell.reconcileInterval(), meters);
    }

    @Bean
    SmartLifecycle cellAgentLifecycle(CellAgent agent, CellProperties cell) {
        return new AgentLifecycle(agent, cell.evacuationTimeout());
    }

    /**
     * Starts the agent once the web server answers, and stops it (and every container)
     * first on shutdown, while the web server, instance SSH and everything else still
     * run. Its stop blocks for as long as the cell evacuates: Spring waits for a
     * synchronous stop whatever {@code spring.lifecycle.timeout-per-shutdown-phase} says
     * (that limit applies to stops that call back later).
     */
    private static final class AgentLifecycle implements SmartLifecycle {

        private final CellAgent agent;

        private final Duration evacuationTimeout;

        private volatile boolean running;

        AgentLifecycle(CellAgent agent, Duration evacuationTimeout) {
            this.agent = agent;
            this.evacuationTimeout = evacuationTimeout;
        }

        @Override
        public void start() {
            agent.start();
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            agent.shutDown(evacuationTimeout);
        }

        @Override
        public boolean isRunning() {
            return running;
        }

    }

}
