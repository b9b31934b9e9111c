package io.corral.sshproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.sshproxy.access.ChannelRequest;
import io.corral.sshproxy.access.Permissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Which of a session's relays a change of permissions ends, and when. */
class RelaysTest {

    private static final Permissions NO_COMMANDS = Permissions.ALL.withExec(false);

    private final Relays relays = new Relays(Permissions.ALL);

    @Test
    void aChangeEndsTheRelaysItNoLongerAllowsAndKeepsTheOthers() {
        FakeRelay command = new FakeRelay(new ChannelRequest.Exec("sleep 120"));
        FakeRelay shell = new FakeRelay(new ChannelRequest.Shell());
        relays.add(command);
        relays.add(shell);

        relays.permissionsChanged(NO_COMMANDS);

        assertThat(command.withdrawals)
            .containsExactly("access withdrawn: running commands is not permitted on this instance");
        assertThat(shell.withdrawals).isEmpty();
    }

    @Test
    void aRelayAllowedBeforeAChangeButRegisteredAfterItIsWithdrawnAtOnce() {
        FakeRelay command = new FakeRelay(new ChannelRequest.Exec("sleep 120"));
        relays.permissionsChanged(NO_COMMANDS);

        assertThat(relays.add(command)).isFalse();
        assertThat(command.withdrawals)
            .containsExactly("access withdrawn: running commands is not permitted on this instance");
    }

    @Test
    void aRelayThatEndedIsNotWithdrawnAgain() {
        FakeRelay command = new FakeRelay(new ChannelRequest.Exec("sleep 120"));
        relays.add(command);
        relays.remove(command);

        relays.permissionsChanged(NO_COMMANDS);
        relays.withdrawAll("access withdrawn: revoked");

        assertThat(command.withdrawals).isEmpty();
    }

    @RepeatedTest(100)
    void aRelayRegisteredWhilePermissionsChangeIsWithdrawnExactlyOnce() throws Exception {
        FakeRelay command = new FakeRelay(new ChannelRequest.Exec("sleep 120"));
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Boolean> registered = CompletableFuture.supplyAsync(() -> {
            await(together);
            return relays.add(command);
        });
        await(together);
        relays.permissionsChanged(NO_COMMANDS);

        registered.get();
        assertThat(command.withdrawals).hasSize(1);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private record FakeRelay(ChannelRequest request, List<String> withdrawals) implements Relay {

        FakeRelay(ChannelRequest request) {
            this(request, new CopyOnWriteArrayList<>());
        }

        @Override
        public void withdraw(String message) {
            withdrawals.add(message);
        }

    }

}
