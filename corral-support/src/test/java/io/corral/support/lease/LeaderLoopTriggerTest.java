package io.corral.support.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.corral.support.db.PostgresServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A trigger is never lost: work announced while another pass runs gets a pass of its own,
 * long before the next scheduled one (an hour away here).
 */
class LeaderLoopTriggerTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    private static final PostgresServer postgres = PostgresServer.machineOrEmbedded();

    private Loop loop;

    @BeforeEach
    void leadingReplica() {
        String name = postgres.freshDatabase("corral_support_test_");
        DataSource database = new DriverManagerDataSource(postgres.url(name), postgres.user(), postgres.password());
        new ResourceDatabasePopulator(new ClassPathResource("db/support/R__leases.sql")).execute(database);
        loop = new Loop(new JdbcTemplate(database));
        loop.start();
        // A replica that takes the lease runs a pass at once.
        await().atMost(SOON).until(() -> loop.passes.get() == 1);
    }

    @AfterEach
    void stop() {
        loop.stop();
    }

    @AfterAll
    static void dropDatabases() {
        postgres.close();
    }

    @Test
    void aTriggerWhileARequestedPassRunsGetsAPassAfterIt() throws Exception {
        RequestedPass requested = RequestedPass.start(loop);

        loop.trigger(Duration.ZERO);
        // Long enough for the triggered pass to find the requested one under way.
        Thread.sleep(500);
        requested.finish();

        await().atMost(SOON).until(() -> loop.passes.get() == 2);
    }

    @Test
    void triggersWhileAPassIsPendingCoalesceIntoOne() throws Exception {
        RequestedPass requested = RequestedPass.start(loop);

        loop.trigger(Duration.ofMillis(300));
        loop.trigger(Duration.ofMillis(300));
        loop.trigger(Duration.ZERO);
        requested.finish();

        await().atMost(SOON).until(() -> loop.passes.get() == 2);
        Thread.sleep(1_000);
        assertThat(loop.passes).as("passes after three triggers").hasValue(2);
    }

    /**
     * Work run through {@code runIfLeader}, as a caller asking for a pass does, held
     * until finished.
     */
    private record RequestedPass(CountDownLatch release, CompletableFuture<?> done) {

        static RequestedPass start(LeaderLoop loop) throws InterruptedException {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<?> done = CompletableFuture.runAsync(() -> loop.runIfLeader(() -> {
                running.countDown();
                try {
                    release.await();
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(running.await(SOON.toSeconds(), TimeUnit.SECONDS)).as("the requested pass runs").isTrue();
            return new RequestedPass(release, done);
        }

        void finish() throws Exception {
            release.countDown();
            done.get(SOON.toSeconds(), TimeUnit.SECONDS);
        }

    }

    /** A replica's loop whose scheduled passes are an hour apart, counting its passes. */
    private static final class Loop extends LeaderLoop {

        final AtomicInteger passes = new AtomicInteger();

        Loop(JdbcTemplate jdbc) {
            super(jdbc, "trigger", Duration.ofSeconds(30), Duration.ofHours(1));
        }

        @Override
        protected void pass() {
            passes.incrementAndGet();
        }

    }

}
