package io.corral.sshproxy.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.sshproxy.access.RemoteForwards.Forward;
import org.junit.jupiter.api.Test;

/** Which connections an instance may hand back to the user over {@code ssh -R}. */
class RemoteForwardsTest {

    private static final Forward ASKED = new Forward("localhost", 8080);

    private final RemoteForwards forwards = new RemoteForwards();

    @Test
    void aConnectionOnAPortTheUserAskedForIsRelayedWhilePermitted() {
        forwards.add(ASKED);

        assertThat(forwards.decideConnection(ASKED, Permissions.ALL).allowed()).isTrue();
    }

    @Test
    void aConnectionOnAnyOtherPortIsRefused() {
        forwards.add(ASKED);

        assertThat(forwards.decideConnection(new Forward("localhost", 8081), Permissions.ALL).refusal())
            .isEqualTo("no remote port forwarding was asked for on this port");
        assertThat(forwards.decideConnection(new Forward("0.0.0.0", 8080), Permissions.ALL).allowed()).isFalse();
    }

    @Test
    void withoutThePermissionEveryConnectionIsRefusedAndEveryForwardWithdrawn() {
        forwards.add(ASKED);
        Permissions withdrawn = Permissions.ALL.withRemotePortForwarding(false);

        assertThat(forwards.decideConnection(ASKED, withdrawn).refusal())
            .isEqualTo("remote port forwarding is not permitted on this instance");
        assertThat(forwards.withdrawnBy(Permissions.ALL)).isEmpty();
        assertThat(forwards.withdrawnBy(withdrawn)).containsExactly(ASKED);
        assertThat(forwards.decideConnection(ASKED, Permissions.ALL).allowed()).isFalse();
    }

    @Test
    void aCancelledForwardTakesNoMoreConnections() {
        forwards.add(ASKED);

        assertThat(forwards.remove(ASKED)).isTrue();
        assertThat(forwards.remove(ASKED)).isFalse();
        assertThat(forwards.decideConnection(ASKED, Permissions.ALL).allowed()).isFalse();
    }

}
