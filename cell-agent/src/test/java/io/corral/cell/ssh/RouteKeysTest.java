package io.corral.cell.ssh;

import io.corral.testsupport.ssh.OpenSshClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.stream.Stream;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteKeysTest {

    @TempDir
    Path dir;

    @Test
    void theAuthorizedKeyIsThePublicHalfOfTheRoutesPrivateKeyInEveryFormat() {
        for (String[] format : new String[][] { {}, { "-m", "PEM" }, { "-m", "PKCS8" } }) {
            for (String type : new String[] { "ecdsa", "rsa" }) {
                Path key = keygen(type, format);

                PublicKey authorized = RouteKeys.authorizedKeyOf(OpenSshClient.readString(key));

                assertThat(openSshLine(authorized)).as(type + " " + String.join(" ", format))
                    .isEqualTo(publicLine(key));
            }
        }
    }

    @Test
    void anAuthorizedKeyLineIsReadAsOpenSshWritesIt() {
        Path key = keygen("ecdsa");
        String line = OpenSshClient.readString(key.resolveSibling(key.getFileName() + ".pub"));

        assertThat(openSshLine(RouteKeys.publicKeyOfLine(line))).isEqualTo(publicLine(key));
        assertThatThrownBy(() -> RouteKeys.publicKeyOfLine("ssh-ed25519 not-base64"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteKeys.publicKeyOfLine("# a comment")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRouteWithoutAHostKeyGetsAFreshOne() {
        assertThat(RouteKeys.hostKey(null).getPublic()).isNotEqualTo(RouteKeys.hostKey("  ").getPublic());
        assertThat(RouteKeys.hostKey(null).getPublic().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void unreadableKeysAreRefusedWithoutRepeatingThem() {
        String garbage = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWJ1dC1icm9rZW4=\n-----END OPENSSH PRIVATE KEY-----\n";

        assertThatThrownBy(() -> RouteKeys.authorizedKeyOf(garbage)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("the route's private_key")
            .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> RouteKeys.authorizedKeyOf("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteKeys.authorizedKeyOf("x".repeat(20_000)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteKeys.hostKey("not a key")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("the route's host_key");
    }

    private Path keygen(String type, String... format) {
        Path file = dir.resolve(type + format.length + (format.length > 0 ? format[1] : ""));
        return OpenSshClient.keygen(file,
                Stream.concat(Stream.of("-t", type), Stream.of(format)).toArray(String[]::new));
    }

    private static String publicLine(Path key) {
        String[] words = OpenSshClient.readString(key.resolveSibling(key.getFileName() + ".pub")).split(" ");
        return words[0] + " " + words[1].strip();
    }

    private static String openSshLine(PublicKey key) {
        ByteArrayBuffer blob = new ByteArrayBuffer();
        blob.putRawPublicKey(key);
        byte[] wire = blob.getCompactData();
        return new ByteArrayBuffer(wire).getString() + " " + Base64.getEncoder().encodeToString(wire);
    }

}
