package io.corral.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.FreePorts;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.ChildJvm;
import io.corral.testsupport.Eventually;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service on the embedded profile killed outright (SIGKILL) leaves its PostgreSQL
 * running; the next start stops that postmaster, says so, and starts on the same data.
 */
class StalePostmasterTest {

    @TempDir
    Path directory;

    private final int port = FreePorts.pick();

    private final int postgresPort = FreePorts.pick();

    private final List<ChildJvm> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(ChildJvm::kill);
        Postmasters.stop(dataDirectory());
    }

    @Test
    void theNextStartStopsThePostmasterAKilledRunLeftAndKeepsTheData() {
        ChildJvm first = startReceptor();
        receptor().desireLrp(ApiFixtures.desiredLrp("before-the-kill", 1));
        first.kill();
        assertThat(first.exitsWithin(Duration.ofSeconds(10))).isTrue();
        ProcessHandle orphan = Postmasters.running(dataDirectory()).orElseThrow();

        ChildJvm second = startReceptor();

        assertThat(second.output()).contains("stopping the stale PostgreSQL postmaster (pid " + orphan.pid() + ")");
        assertThat(orphan.isAlive()).isFalse();
        assertThat(receptor().desiredLrp("before-the-kill").processGuid()).isEqualTo("before-the-kill");
        second.terminate();
        assertThat(second.exitsWithin(Duration.ofSeconds(10))).isTrue();
        assertThat(Postmasters.running(dataDirectory())).as("a clean stop leaves no postmaster").isEmpty();
    }

    private ChildJvm startReceptor() {
        ChildJvm receptor = ChildJvm.start(directory, Map.of(), ReceptorApplication.class,
                "--spring.profiles.active=embedded", "--server.port=" + port,
                "--corral.embedded-postgres.port=" + postgresPort, "--logging.level.root=WARN",
                "--logging.level.io.corral=INFO");
        started.add(receptor);
        Eventually.await(Duration.ofSeconds(120), "the receptor ready", () -> StandaloneLauncherTest.ready(port));
        return receptor;
    }

    private ReceptorClient receptor() {
        return new ReceptorClient(URI.create("http://127.0.0.1:" + port), this::token);
    }

    private String token() {
        try {
            return Files.readString(directory.resolve(".corral/dev-token")).strip();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path dataDirectory() {
        return directory.resolve(".corral/postgres");
    }

}
