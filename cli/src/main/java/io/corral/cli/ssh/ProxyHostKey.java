package io.corral.cli.ssh;

import io.corral.cli.CliFailure;
import io.corral.cli.ExitCodes;
import io.corral.cli.config.SshEndpoint;
import io.corral.cli.http.ServiceClient;
import io.corral.receptor.api.HostFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The SSH proxy's host key, checked as {@code cf ssh} checks it: ssh-auth-service
 * publishes the proxy's fingerprint ({@code app_ssh_host_key_fingerprint} of
 * {@code GET /v1/ssh/info}, as Cloud Foundry's {@code /v2/info} names it), OpenSSH's
 * {@code ssh-keyscan} reads the keys the proxy presents, and the one with that
 * fingerprint becomes the only key OpenSSH accepts for the login. The user is not asked
 * to trust a key by sight, and a proxy presenting another key is refused before a code is
 * asked for.
 */
final class ProxyHostKey {

    private static final long KEYSCAN_SECONDS = 30;

    private ProxyHostKey() {
    }

    /**
     * The OpenSSH options that accept only the proxy's published key, pinned in
     * {@code login}'s known_hosts; none when ssh-auth-service publishes no fingerprint
     * (OpenSSH's own known_hosts decide, as for any host).
     */
    static List<String> pin(ServiceClient sshAuth, SshEndpoint proxy, LoginDirectory login) {
        JsonNode published = sshAuth.get("/v1/ssh/info", null).path("app_ssh_host_key_fingerprint");
        if (!published.isString() || published.asString().isBlank()) {
            return List.of();
        }
        HostFingerprint fingerprint = parse(published.asString());
        List<String> offered = new ArrayList<>();
        for (PresentedKey key : scan(proxy)) {
            if (fingerprint.matches(key.blob())) {
                Path knownHosts = login.knownHosts(knownHostsName(proxy) + " " + key.type() + " " + key.base64());
                return List.of("-o", "UserKnownHostsFile=\"" + knownHosts + "\"", "-o",
                        "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes");
            }
            offered.add(HostFingerprint.sha256Of(key.blob()));
        }
        throw new CliFailure(ExitCodes.SSH_LOGIN_FAILED, "the SSH proxy at " + proxy.address()
                + " presented the host key " + String.join(", ", offered) + ", not the one ssh-auth-service publishes ("
                + published.asString()
                + "). Not logging in: something may be between you and the proxy, or its key was changed without"
                + " telling ssh-auth-service; ask the platform's operator (--skip-host-validation logs in anyway).");
    }

    private static HostFingerprint parse(String published) {
        try {
            return HostFingerprint.parse(published);
        }
        catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.SERVER_ERROR, "ssh-auth-service publishes the SSH proxy's host key"
                    + " fingerprint as '" + published + "': " + e.getMessage()
                    + " (its corral.ssh.info.app-ssh-host-key-fingerprint; --skip-host-validation logs in anyway)");
        }
    }

    /** The name OpenSSH looks the proxy up by in known_hosts. */
    private static String knownHostsName(SshEndpoint proxy) {
        return proxy.port() == 22 ? proxy.host() : "[" + proxy.host() + "]:" + proxy.port();
    }

    /** The keys {@code ssh-keyscan} reads from the proxy; at least one. */
    private static List<PresentedKey> scan(SshEndpoint proxy) {
        List<String> command = List.of("ssh-keyscan", "-p", String.valueOf(proxy.port()), proxy.host());
        Process keyscan;
        try {
            keyscan = new ProcessBuilder(command).start();
        }
        catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot run ssh-keyscan: " + e.getMessage()
                    + "\nInstall the OpenSSH client (Debian and Ubuntu: apt-get install openssh-client).");
        }
        try {
            keyscan.getOutputStream().close();
            String output = new String(keyscan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(keyscan.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            keyscan.waitFor(KEYSCAN_SECONDS, TimeUnit.SECONDS);
            List<PresentedKey> keys = output.lines().map(PresentedKey::parse).flatMap(List::stream).toList();
            if (keys.isEmpty()) {
                throw new CliFailure(ExitCodes.SSH_LOGIN_FAILED, "cannot read the SSH proxy's host key at "
                        + proxy.address() + (errors.isBlank() ? ": nothing answered" : ": " + errors.strip()));
            }
            return keys;
        }
        catch (IOException e) {
            throw new CliFailure(ExitCodes.SSH_LOGIN_FAILED,
                    "cannot read the SSH proxy's host key at " + proxy.address() + ": " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.USAGE, "ssh-keyscan was interrupted");
        }
        finally {
            keyscan.destroy();
        }
    }

    /** One line of {@code ssh-keyscan}: {@code HOST TYPE BASE64}. */
    private record PresentedKey(String type, String base64, byte[] blob) {

        static List<PresentedKey> parse(String line) {
            String[] fields = line.strip().split("\\s+");
            if (line.startsWith("#") || fields.length < 3) {
                return List.of();
            }
            try {
                return List.of(new PresentedKey(fields[1], fields[2], Base64.getDecoder().decode(fields[2])));
            }
            catch (IllegalArgumentException e) {
                return List.of();
            }
        }

    }

}
