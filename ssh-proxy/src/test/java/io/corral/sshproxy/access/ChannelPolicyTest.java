package io.corral.sshproxy.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.sshproxy.access.AccessDecision.Taint;
import io.corral.sshproxy.access.SftpRequests.Access;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every channel request against each permission that opens it, with it alone and without
 * it.
 */
class ChannelPolicyTest {

    private static final Permissions SHELL = new Permissions(true, false, false, false, false, false);

    private static final Permissions EXEC = new Permissions(false, true, false, false, false, false);

    private static final Permissions LOCAL = new Permissions(false, false, true, false, false, false);

    private static final Permissions REMOTE = new Permissions(false, false, false, true, false, false);

    private static final Permissions READ = new Permissions(false, false, false, false, true, false);

    private static final Permissions WRITE = new Permissions(false, false, false, false, false, true);

    static Stream<Arguments> decisions() {
        ChannelRequest shell = new ChannelRequest.Shell();
        ChannelRequest command = new ChannelRequest.Exec("ls -la");
        ChannelRequest scpOut = new ChannelRequest.Exec("scp -f app.log");
        ChannelRequest scpIn = new ChannelRequest.Exec("scp -t app/");
        ChannelRequest sftp = new ChannelRequest.Subsystem("sftp");
        ChannelRequest other = new ChannelRequest.Subsystem("netconf");
        ChannelRequest forward = new ChannelRequest.DirectTcpip("localhost", 8080);
        ChannelRequest listen = new ChannelRequest.TcpipForward("0.0.0.0", 9000);
        return Stream.of(Arguments.of(shell, SHELL, true, Optional.of(Taint.SHELL)),
                Arguments.of(shell, Permissions.ALL.withShell(false), false, Optional.empty()),
                Arguments.of(command, EXEC, true, Optional.empty()),
                Arguments.of(command, Permissions.ALL.withExec(false), false, Optional.empty()),
                Arguments.of(scpOut, READ, true, Optional.empty()), Arguments.of(scpOut, EXEC, false, Optional.empty()),
                Arguments.of(scpOut, WRITE, false, Optional.empty()),
                Arguments.of(scpIn, WRITE, true, Optional.of(Taint.FILE_WRITE)),
                Arguments.of(scpIn, READ, false, Optional.empty()), Arguments.of(scpIn, EXEC, false, Optional.empty()),
                Arguments.of(sftp, READ, true, Optional.empty()), Arguments.of(sftp, WRITE, true, Optional.empty()),
                Arguments.of(sftp, EXEC, false, Optional.empty()),
                Arguments.of(other, Permissions.ALL, false, Optional.empty()),
                Arguments.of(forward, LOCAL, true, Optional.empty()),
                Arguments.of(forward, REMOTE, false, Optional.empty()),
                Arguments.of(listen, REMOTE, true, Optional.empty()),
                Arguments.of(listen, LOCAL, false, Optional.empty()),
                Arguments.of(shell, Permissions.NONE, false, Optional.empty()),
                Arguments.of(command, Permissions.NONE, false, Optional.empty()),
                Arguments.of(sftp, Permissions.NONE, false, Optional.empty()),
                Arguments.of(forward, Permissions.NONE, false, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("decisions")
    void decides(ChannelRequest request, Permissions permissions, boolean allowed, Optional<Taint> taint) {
        AccessDecision decision = ChannelPolicy.decide(request, permissions);

        assertThat(decision.allowed()).isEqualTo(allowed);
        assertThat(decision.taint()).isEqualTo(taint);
        if (!allowed) {
            assertThat(decision.refusal()).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("sftpDecisions")
    void sftpRequestsNeedTheirFilePermission(Access access, Permissions permissions, boolean allowed) {
        assertThat(ChannelPolicy.allowsSftp(access, permissions)).isEqualTo(allowed);
    }

    static Stream<Arguments> sftpDecisions() {
        Permissions both = new Permissions(false, false, false, false, true, true);
        return Stream.of(Arguments.of(Access.NONE, Permissions.NONE, true), Arguments.of(Access.LOOKUP, READ, true),
                Arguments.of(Access.LOOKUP, WRITE, true), Arguments.of(Access.LOOKUP, EXEC, false),
                Arguments.of(Access.READ, READ, true), Arguments.of(Access.READ, WRITE, false),
                Arguments.of(Access.WRITE, WRITE, true), Arguments.of(Access.WRITE, READ, false),
                Arguments.of(Access.READ_WRITE, READ, false), Arguments.of(Access.READ_WRITE, WRITE, false),
                Arguments.of(Access.READ_WRITE, both, true));
    }

}
