package io.corral.sshauth.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorJson;
import io.corral.sshauth.access.AppOnRecord;
import io.corral.sshauth.access.InstanceState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Which version's instance a login reaches, during a rolling deploy and otherwise. */
class VersionChoiceTest {

    private static final JsonNode SSH = ReceptorJson.mapper()
        .readTree("{\"container_port\": 2222, \"user\": \"vcap\", \"private_key\": \"KEY\","
                + " \"host_fingerprint\": \"a6:14\"}");

    @Test
    void theNewestVersionWithARunningInstanceAtTheIndexWins() {
        AppVersion v2 = version("v2", true, instance("v2", 0, ActualLrpState.UNCLAIMED, 0));
        AppVersion v1 = version("v1", true, instance("v1", 0, ActualLrpState.RUNNING, 61001));
        AppVersion v0 = version("v0", true, instance("v0", 0, ActualLrpState.RUNNING, 61000));

        Resolution resolution = VersionChoice.choose("app", List.of(v2, v1, v0), 0);

        assertThat(resolution.app()).isEqualTo(new AppOnRecord("app", "space", InstanceState.RUNNING));
        assertThat(resolution.target())
            .isEqualTo(new SshTarget("v1", "v1-0", 0, "app", "space", "10.0.0.1", 61001, "vcap", "KEY", "a6:14"));
    }

    @Test
    void aSuspectInstanceIsReachedWhileItsReplacementDoesNotRunYet() {
        ActualLrp running = instance("v1", 0, ActualLrpState.RUNNING, 61001);
        ActualLrp suspect = new ActualLrp("v1", "v1-0-suspect", "lost-cell", "cf-apps", 0, "10.0.0.1", running.ports(),
                ActualLrpState.RUNNING, null, 0, 0, null, false, ActualLrpPresence.SUSPECT, null, false);
        ActualLrp replacement = instance("v1", 0, ActualLrpState.UNCLAIMED, 0);

        for (List<ActualLrp> listed : List.of(List.of(replacement, suspect), List.of(suspect, replacement))) {
            Resolution resolution = VersionChoice.choose("app",
                    List.of(new AppVersion(version("v1", true).desired(), listed)), 0);
            assertThat(resolution.app().instance()).isEqualTo(InstanceState.RUNNING);
            assertThat(resolution.target().instanceGuid()).isEqualTo("v1-0-suspect");
        }
    }

    @Test
    void anIndexNoVersionRunsIsNotRunningAndOneNoVersionHasIsNoSuchIndex() {
        AppVersion v1 = version("v1", true, instance("v1", 0, ActualLrpState.CRASHED, 0));
        assertThat(VersionChoice.choose("app", List.of(v1), 0).app().instance()).isEqualTo(InstanceState.NOT_RUNNING);
        assertThat(VersionChoice.choose("app", List.of(v1), 1).app().instance()).isEqualTo(InstanceState.NO_SUCH_INDEX);
    }

    @Test
    void aRunningInstanceWithoutTheRouteOrItsPortMappingIsNoSshRoute() {
        AppVersion noRoute = version("v1", false, instance("v1", 0, ActualLrpState.RUNNING, 61000));
        assertThat(VersionChoice.choose("app", List.of(noRoute), 0).app().instance())
            .isEqualTo(InstanceState.NO_SSH_ROUTE);
        AppVersion unmapped = version("v1", true, instance("v1", 0, ActualLrpState.RUNNING, 0));
        assertThat(VersionChoice.choose("app", List.of(unmapped), 0).target()).isNull();
    }

    @Test
    void noVersionIsNoApp() {
        assertThat(VersionChoice.choose("app", List.of(), 0)).isEqualTo(Resolution.NONE);
    }

    @Test
    void theRouteNeverPrintsItsKey() {
        assertThat(DiegoSshRoute.of(Map.of("diego-ssh", SSH)).orElseThrow().toString()).doesNotContain("KEY");
        assertThat(DiegoSshRoute.of(Map.of("diego-ssh", ReceptorJson.mapper().readTree("{\"user\": \"vcap\"}"))))
            .isEmpty();
        assertThat(DiegoSshRoute.of(null)).isEmpty();
    }

    private static AppVersion version(String processGuid, boolean sshRoute, ActualLrp... instances) {
        DesiredLrp desired = DesiredLrp.builder()
            .processGuid(processGuid)
            .appGuid("app")
            .spaceGuid("space")
            .routes(sshRoute ? Map.of("diego-ssh", SSH) : Map.of())
            .build();
        return new AppVersion(desired, List.of(instances));
    }

    /** hostPort 0: the SSH port is not mapped. */
    private static ActualLrp instance(String processGuid, int index, ActualLrpState state, int hostPort) {
        List<PortMapping> ports = hostPort == 0 ? List.of(new PortMapping(8080, 60000))
                : List.of(new PortMapping(8080, 60000), new PortMapping(2222, hostPort));
        String address = state == ActualLrpState.RUNNING ? "10.0.0.1" : null;
        return new ActualLrp(processGuid, processGuid + "-" + index, "cell", "cf-apps", index, address, ports, state,
                null, 0, 0, null, false, null);
    }

}
