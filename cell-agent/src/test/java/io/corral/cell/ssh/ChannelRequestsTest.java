package io.corral.cell.ssh;

import io.corral.testsupport.ssh.OpenSshClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.testsupport.Eventually;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channel requests the OpenSSH client sends only from a real terminal
 * ({@code window-change}) or never ({@code signal}), sent with MINA's client: a
 * terminal's size reaches the shell and follows the client's window, and a signal reaches
 * the command.
 */
class ChannelRequestsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final SshClient ssh = SshClient.setUpDefaultClient();

    private InstanceSshServer server;

    private ClientSession session;

    @BeforeEach
    void login() throws Exception {
        String privateKey = OpenSshClient.readString(OpenSshClient.keygen(dir.resolve("route_key")));
        server = InstanceSshServer.start(new InstanceSshSpec(dir, Map.of(), RouteKeys.hostKey(null),
                RouteKeys.authorizedKeyOf(privateKey), "vcap", "127.0.0.1", 0, Map.of()));
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
        session = ssh.connect("vcap", "127.0.0.1", server.port()).verify(PATIENCE).getSession();
        session.addPublicKeyIdentity(keyPair(privateKey));
        session.auth().verify(PATIENCE);
    }

    @AfterEach
    void logout() throws IOException {
        session.close();
        ssh.stop();
        server.close();
    }

    @Test
    void theShellSeesTheWindowSizeAndItsChanges() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (ChannelShell shell = session.createShellChannel()) {
            shell.setPtyColumns(100);
            shell.setPtyLines(30);
            shell.setIn(new PipedInputStream(keyboard));
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(PATIENCE);

            type(keyboard,
                    "trap 'echo resized-to-$(stty size | tr \" \" x)' WINCH; echo size-$(stty size | tr ' ' x)\n");
            Eventually.await(PATIENCE, "the first size", () -> shown(screen).contains("size-30x100"));
            shell.sendWindowChange(132, 43);

            // an empty line never starts a foreground job, so the signal reaches the
            // shell, which runs the trap when it comes back from reading the line
            Eventually.untilPasses(PATIENCE, () -> {
                type(keyboard, "\n");
                assertThat(shown(screen)).contains("resized-to-43x132");
            });
        }
    }

    @Test
    void aSignalReachesTheCommand() throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (ChannelExec command = session
            .createExecChannel("trap 'echo got-term; kill $!; exit 9' TERM; echo ready; sleep 600 & wait")) {
            command.setOut(output);
            command.setErr(output);
            command.open().verify(PATIENCE);
            Eventually.await(PATIENCE, "the command runs", () -> shown(output).contains("ready"));

            signal(command, "TERM");

            command.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS), PATIENCE);
            assertThat(command.getExitStatus()).as(shown(output)).isEqualTo(9);
            assertThat(shown(output)).contains("got-term");
        }
    }

    @Test
    void aSignalReachesAShellWithATerminal() throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (ChannelExec command = session
            .createExecChannel("trap 'echo got-hup; kill $!; exit 8' HUP; echo ready; sleep 600 & wait")) {
            command.setUsePty(true);
            command.setOut(screen);
            command.open().verify(PATIENCE);
            Eventually.await(PATIENCE, "the command runs", () -> shown(screen).contains("ready"));

            signal(command, "HUP");

            command.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS), PATIENCE);
            assertThat(command.getExitStatus()).as(shown(screen)).isEqualTo(8);
            assertThat(shown(screen)).contains("got-hup");
        }
    }

    /** RFC 4254's {@code signal} request, which MINA's client has no method for. */
    private static void signal(ClientChannel channel, String name) throws IOException {
        Buffer request = channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
        request.putUInt(channel.getRecipient());
        request.putString("signal");
        request.putBoolean(false);
        request.putString(name);
        channel.writePacket(request);
    }

    private static void type(OutputStream keyboard, String text) {
        try {
            keyboard.write(text.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shown(ByteArrayOutputStream screen) {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private static KeyPair keyPair(String privateKey) throws Exception {
        return SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("route"),
                new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.US_ASCII)), FilePasswordProvider.EMPTY)
            .iterator()
            .next();
    }

}
