package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.PortMapping;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.Eventually;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** routes against a real route emitter following the receptor. */
@ExtendWith(WithControlPlane.class)
class RoutesCommandTest {

    private final ControlPlane platform = WithControlPlane.controlPlane();

    private final CliRunner corral = WithControlPlane.cli();

    @Test
    void routesListsTheRoutesOfRunningInstances() {
        platform.receptor.desireLrp(ApiFixtures.desiredLrp("cli-shop-v1", 1));
        platform.run("cli-shop-v1", 0, "10.0.16.4", List.of(new PortMapping(8080, 61012)));

        Eventually.untilPasses(ControlPlane.WITHIN, () -> {
            CliRunner.Result routes = corral.run("routes");
            assertThat(routes.exitCode()).as(routes.toString()).isZero();
            assertThat(routes.out()).containsPattern("cli-shop-v1.example.com +10.0.16.4:61012 +cli-shop-v1 +0 +z1");
        });

        CliRunner.Result json = corral.run("routes", "--json");
        List<String> hostnames = new ArrayList<>();
        json.json().forEach(route -> hostnames.add(route.path("uris").get(0).asString()));
        assertThat(hostnames).contains("cli-shop-v1.example.com");

        CliRunner.Result otherSegment = corral.run("routes", "--router-tags", "dmz");
        assertThat(otherSegment.exitCode()).isZero();
        assertThat(otherSegment.out()).doesNotContain("cli-shop-v1");

        CliRunner.Result every = corral.run("routes", "--router-tags", "dmz", "--sharding-mode", "shared-and-segments");
        assertThat(every.out()).contains("cli-shop-v1.example.com");
    }

    @Test
    void anUnknownShardingModeIsRefusedByTheEmitter() {
        CliRunner.Result refused = corral.run("routes", "--sharding-mode", "most");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("sharding_mode").contains("400 InvalidRequest");
    }

    @Test
    void tcpRoutesAreListedApart() {
        CliRunner.Result tcp = corral.run("routes", "--tcp");
        assertThat(tcp.exitCode()).as(tcp.toString()).isZero();
        assertThat(tcp.out()).satisfiesAnyOf(out -> assertThat(out).isEqualTo("No TCP routes.\n"),
                out -> assertThat(out).startsWith("ROUTER_GROUP"));
    }

}
