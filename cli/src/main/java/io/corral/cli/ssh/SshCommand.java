package io.corral.cli.ssh;

import io.corral.cli.CliCommand;
import io.corral.cli.config.Service;
import io.corral.cli.config.SshEndpoint;
import io.corral.cli.ssh.OpenSshCommands.SshOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corral ssh APP_GUID}: OpenSSH's {@code ssh} into an app's instance through the
 * SSH proxy, logged in with a one-time code (what the {@code cf ssh} plugin does).
 */
@Command(name = "ssh",
        description = { "SSH into an app's instance through the SSH proxy, logged in with a one-time code.",
                "Runs the OpenSSH client (ssh) and exits with its status. A remote command goes after --." })
public class SshCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "APP_GUID")
    private String appGuid;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Run this instead of a shell.")
    private List<String> remoteCommand = new ArrayList<>();

    @Option(names = { "-i", "--index" }, defaultValue = "0", description = "The instance (default 0).")
    private int index;

    @Option(names = "-L", paramLabel = "[BIND:]PORT:HOST:HOSTPORT",
            description = "Forward a local port to HOST:HOSTPORT as the instance sees it (repeatable).")
    private List<String> localForwards = new ArrayList<>();

    @Option(names = "-N", description = "Run no command (just forward ports).")
    private boolean noCommand;

    @Option(names = "-t", description = "Force a terminal.")
    private boolean forceTty;

    @Option(names = "-T", description = "No terminal.")
    private boolean disableTty;

    @Option(names = "-o", paramLabel = "OPTION", description = "An option for ssh, as ssh -o takes it (repeatable).")
    private List<String> sshOptions = new ArrayList<>();

    @Option(names = { "-k", "--skip-host-validation" },
            description = "Do not check the proxy's host key against the fingerprint ssh-auth-service publishes.")
    private boolean skipHostValidation;

    @Override
    public Integer call() {
        SshEndpoint proxy = cli().connections().settings().sshEndpoint();
        SshOptions options = new SshOptions(sshOptions, localForwards, noCommand, forceTty, disableTty, remoteCommand);
        return ProxyLogin.run(client(Service.SSH_AUTH), env().processes(), proxy, !skipHostValidation,
                hostKeyOptions -> OpenSshCommands.ssh(proxy, OpenSshCommands.user(appGuid, index), options,
                        hostKeyOptions));
    }

}
