package io.corral.cli.ssh;

import io.corral.cli.CliCommand;
import io.corral.cli.config.Service;
import io.corral.cli.config.SshEndpoint;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corral scp APP_GUID REMOTE [LOCAL]}: copies a file (or with {@code -r} a
 * directory) out of an app's instance with OpenSSH's {@code scp} through the SSH proxy.
 */
@Command(name = "scp", description = { "Copy a file or directory out of an app's instance through the SSH proxy.",
        "Runs the OpenSSH client (scp) and exits with its status." })
public class ScpCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "APP_GUID")
    private String appGuid;

    @Parameters(index = "1", paramLabel = "REMOTE_PATH", description = "On the instance (relative to its home).")
    private String remotePath;

    @Parameters(index = "2", arity = "0..1", paramLabel = "LOCAL_PATH", defaultValue = ".",
            description = "Where it goes (default: the working directory).")
    private String localPath;

    @Option(names = { "-i", "--index" }, defaultValue = "0", description = "The instance (default 0).")
    private int index;

    @Option(names = "-r", description = "Copy a directory and what it holds.")
    private boolean recursive;

    @Option(names = "-p", description = "Keep modification times and modes.")
    private boolean preserve;

    @Option(names = "-o", paramLabel = "OPTION", description = "An option for ssh, as ssh -o takes it (repeatable).")
    private List<String> sshOptions = new ArrayList<>();

    @Option(names = { "-k", "--skip-host-validation" },
            description = "Do not check the proxy's host key against the fingerprint ssh-auth-service publishes.")
    private boolean skipHostValidation;

    @Override
    public Integer call() {
        SshEndpoint proxy = cli().connections().settings().sshEndpoint();
        return ProxyLogin.run(client(Service.SSH_AUTH), env().processes(), proxy, !skipHostValidation,
                hostKeyOptions -> OpenSshCommands.scp(proxy, OpenSshCommands.user(appGuid, index), sshOptions,
                        hostKeyOptions, recursive, preserve, remotePath, localPath));
    }

}
