package io.corral.cell.ssh;

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
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal's size reaches the shell, and a change of the client's window (which the
 * OpenSSH client sends only from a real terminal) resizes it and signals its programs.
 */
class TerminalResizeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theShellSeesTheWindowSizeAndItsChanges() throws Exception {
        Path routeKey = OpenSshClient.keygen(dir.resolve("route_key"));
        String privateKey = OpenSshClient.readString(routeKey);
        InstanceSshSpec spec = new InstanceSshSpec(dir, Map.of(), RouteKeys.hostKey(null),
                RouteKeys.authorizedKeyOf(privateKey), "vcap", "127.0.0.1", 0, Map.of());
        SshClient ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
        try (InstanceSshServer server = InstanceSshServer.start(spec);
                ClientSession session = ssh.connect("vcap", "127.0.0.1", server.port()).verify(PATIENCE).getSession()) {
            session.addPublicKeyIdentity(keyPair(privateKey));
            session.auth().verify(PATIENCE);
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
        finally {
            ssh.stop();
        }
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
