package io.corral.cli.ssh;

import io.corral.cli.config.SshEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenSSH command lines of {@code corral ssh} and {@code corral scp}: the user
 * {@code cf:APP_GUID/INDEX} at the SSH proxy, a password login only (the one-time code is
 * good for one attempt), the operator's {@code -o} options first since OpenSSH keeps the
 * first value of an option.
 */
final class OpenSshCommands {

    static final List<String> LOGIN_OPTIONS = List.of("-o", "PreferredAuthentications=password", "-o",
            "NumberOfPasswordPrompts=1");

    private OpenSshCommands() {
    }

    static String user(String appGuid, int index) {
        return "cf:" + appGuid + "/" + index;
    }

    /** {@code ssh -p PORT -l USER [options] HOST [command]}. */
    static List<String> ssh(SshEndpoint proxy, String user, SshOptions options, List<String> hostKeyOptions) {
        List<String> command = new ArrayList<>(List.of("ssh", "-p", String.valueOf(proxy.port()), "-l", user));
        options.sshOptions().forEach(option -> command.addAll(List.of("-o", option)));
        command.addAll(hostKeyOptions);
        command.addAll(LOGIN_OPTIONS);
        options.localForwards().forEach(forward -> command.addAll(List.of("-L", forward)));
        if (options.noCommand()) {
            command.add("-N");
        }
        if (options.forceTty()) {
            command.add("-t");
        }
        if (options.disableTty()) {
            command.add("-T");
        }
        command.add(proxy.host());
        command.addAll(options.remoteCommand());
        return command;
    }

    /** {@code scp -P PORT -o User=USER [options] HOST:REMOTE LOCAL}. */
    static List<String> scp(SshEndpoint proxy, String user, List<String> sshOptions, List<String> hostKeyOptions,
            boolean recursive, boolean preserve, String remotePath, String localPath) {
        List<String> command = new ArrayList<>(
                List.of("scp", "-P", String.valueOf(proxy.port()), "-o", "User=" + user));
        sshOptions.forEach(option -> command.addAll(List.of("-o", option)));
        command.addAll(hostKeyOptions);
        command.addAll(LOGIN_OPTIONS);
        if (recursive) {
            command.add("-r");
        }
        if (preserve) {
            command.add("-p");
        }
        String host = proxy.host().contains(":") ? "[" + proxy.host() + "]" : proxy.host();
        command.add(host + ":" + remotePath);
        command.add(localPath);
        return command;
    }

    /** What {@code corral ssh} passes on to {@code ssh}. */
    record SshOptions(List<String> sshOptions, List<String> localForwards, boolean noCommand, boolean forceTty,
            boolean disableTty, List<String> remoteCommand) {
    }

}
