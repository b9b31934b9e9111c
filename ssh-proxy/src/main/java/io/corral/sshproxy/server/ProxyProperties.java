package io.corral.sshproxy.server;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SSH side of the proxy.
 *
 * @param port the SSH port (0: any free port)
 * @param address the address it listens on
 * @param hostKeyFile the proxy's host key (PEM or OpenSSH format)
 * @param generateHostKey make the host key file when it is missing (the embedded
 * profile's default); otherwise a missing key stops the start
 * @param idleTimeout a connection with no traffic for this long is closed
 * @param connectTimeout how long the second hop may take to connect and log in
 */
@Validated
@ConfigurationProperties("corral.ssh-proxy")
public record ProxyProperties(@Min(0) @Max(65535) int port, @NotNull String address, @NotNull Path hostKeyFile,
        boolean generateHostKey, @NotNull Duration idleTimeout, @NotNull Duration connectTimeout) {

    public ProxyProperties {
        address = address == null ? "0.0.0.0" : address;
        hostKeyFile = hostKeyFile == null ? Path.of(".corral", "ssh-proxy-host.key") : hostKeyFile;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(300) : idleTimeout;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
    }

}
