package io.corral.cell.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one instance's SSH daemon serves and to whom.
 *
 * @param directory the instance's directory: commands and shells run there, sftp starts
 * there
 * @param environment the instance's environment, given to every command and shell
 * @param hostKey the daemon's host key
 * @param authorizedKey the only key a login is accepted with (the public half of the
 * route's {@code private_key})
 * @param user the only user name a login is accepted for (the route's {@code user})
 * @param address the address to listen on
 * @param port the host port to listen on (0: any free port)
 * @param ports the instance's ports, container port to host port: {@code ssh -L} may
 * reach these on the loopback, by either number
 */
public record InstanceSshSpec(Path directory, Map<String, String> environment, KeyPair hostKey, PublicKey authorizedKey,
        String user, String address, int port, Map<Integer, Integer> ports) {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    public InstanceSshSpec {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(authorizedKey, "authorizedKey");
        Objects.requireNonNull(address, "address");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("the instance's directory " + directory + " does not exist");
        }
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("an SSH user is 1 to 64 letters, digits, '_', '.' or '-'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
        }
        if (ports != null && ports.entrySet().stream().anyMatch(it -> !isPort(it.getKey()) || !isPort(it.getValue()))) {
            throw new IllegalArgumentException("an instance's ports are 1 to 65535");
        }
        directory = directory.toAbsolutePath().normalize();
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        ports = Map.copyOf(ports == null ? Map.of() : ports);
    }

    private static boolean isPort(Integer port) {
        return port != null && port > 0 && port <= 65535;
    }

}
