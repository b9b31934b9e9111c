package io.corral.sshproxy;

import io.corral.support.FreePorts;
import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.ssh.OpenSshClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A real OpenSSH daemon ({@code /usr/sbin/sshd}) in the role of an instance's SSH daemon:
 * on a free loopback port, its own host key, accepting only the route's key for the user
 * running the tests, with sftp, scp and TCP forwarding; files go in {@link #home()}.
 */
public final class TargetDaemon implements AutoCloseable {

    private final Path dir;

    private final int port;

    private final Process process;

    private TargetDaemon(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static TargetDaemon start() {
        try {
            Path dir = TemporaryDirectories.create("corral-target-sshd");
            Files.createDirectories(dir.resolve("home"));
            OpenSshClient.keygen(dir.resolve("host_key"));
            OpenSshClient.keygen(dir.resolve("route_key"));
            Files.copy(dir.resolve("route_key.pub"), dir.resolve("authorized_keys"));
            if ("root".equals(System.getProperty("user.name"))) {
                Files.createDirectories(Path.of("/run/sshd"));
            }
            int port = FreePorts.pick();
            Files.writeString(dir.resolve("sshd_config"),
                    String.join("\n", "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"),
                            "PidFile " + dir.resolve("sshd.pid"),
                            "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "StrictModes no", "UsePAM no",
                            "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PubkeyAuthentication yes",
                            "PermitRootLogin prohibit-password", "AllowTcpForwarding yes",
                            "Subsystem sftp internal-sftp -d " + dir.resolve("home"), "LogLevel ERROR", ""));
            Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f",
                    dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
            TargetDaemon daemon = new TargetDaemon(dir, port, process);
            daemon.awaitListening();
            return daemon;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The user the route logs in as: whoever runs the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    /** The route's private key (OpenSSH format). */
    public String privateKey() {
        return OpenSshClient.readString(dir.resolve("route_key"));
    }

    /** The directory files are copied to and from (the sftp start directory). */
    /** What the daemon logged (errors only). */
    public String log() {
        return OpenSshClient.readString(dir.resolve("sshd.log"));
    }

    public Path home() {
        return dir.resolve("home");
    }

    /**
     * The host key's fingerprint in {@code algorithm}: {@code MD5} colon-hex or
     * {@code SHA-256} base64.
     */
    public String hostFingerprint(String algorithm) {
        byte[] blob = Base64.getDecoder().decode(OpenSshClient.readString(dir.resolve("host_key.pub")).split(" ")[1]);
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(blob);
            return algorithm.equals("SHA-256") ? "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest)
                    : HexFormat.ofDelimiter(":").formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            }
            catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "sshd did not start: " + OpenSshClient.readString(dir.resolve("sshd.log")));
                }
                sleep();
            }
        }
        throw new IllegalStateException("sshd did not listen: " + OpenSshClient.readString(dir.resolve("sshd.log")));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
