package io.corral.cli;

import io.corral.cli.config.ConnectionFlags;
import io.corral.cli.config.Service;
import io.corral.cli.config.SettingsResolver;
import io.corral.cli.http.Connections;
import io.corral.cli.placement.ConstraintsCommand;
import io.corral.cli.placement.ExplainCommand;
import io.corral.cli.placement.RolloutsCommand;
import io.corral.cli.placement.SimulateCommand;
import io.corral.cli.receptor.ActualsCommand;
import io.corral.cli.receptor.CellsCommand;
import io.corral.cli.receptor.EventsCommand;
import io.corral.cli.receptor.LrpsCommand;
import io.corral.cli.receptor.TasksCommand;
import io.corral.cli.routes.RoutesCommand;
import io.corral.cli.ssh.ScpCommand;
import io.corral.cli.ssh.SshCommand;
import io.corral.cli.ssh.SshPolicyCommand;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code corral}, the operator's command line of a Corral control plane, in the spirit of
 * Diego's {@code cfdot}. The options here apply to every command.
 */
@Command(name = "corral", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        versionProvider = CorralCli.Version.class,
        description = "Operates a Corral control plane: cells, LRPs and instances, tasks, placement, routes, "
                + "SSH access and events; ssh and scp into instances through the SSH proxy.",
        subcommands = { CellsCommand.class, LrpsCommand.class, ActualsCommand.class, TasksCommand.class,
                EventsCommand.class, ExplainCommand.class, SimulateCommand.class, ConstraintsCommand.class,
                RolloutsCommand.class, RoutesCommand.class, SshPolicyCommand.class, SshCommand.class, ScpCommand.class,
                CompletionCommand.class, HelpCommand.class },
        footerHeading = "%n",
        footer = { "Settings: flags, else CORRAL_* variables, else the config file, else the "
                + "embedded launcher's layout (localhost:8888..8891, SSH on localhost:2222, the token in "
                + ".corral/dev-token of this directory or one above). docs/cli.md has them all." },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:usage: wrong arguments or settings, a request refused as invalid, no ssh client",
                "2:not found: what the command names does not exist",
                "3:auth: no token, token refused (401), or a " + "scope missing (403)",
                "4:unreachable: nothing answers at the service's URL, or it is not that service",
                "5:server error: the service failed or is unavailable (5xx)" })
public class CorralCli extends CommandGroup {

    private final CliEnvironment environment;

    private Connections connections;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print JSON, as the services write it, instead of tables.")
    private boolean json;

    @Option(names = "--receptor-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The receptor (CORRAL_RECEPTOR_URL; default port 8888 on localhost).")
    private String receptorUrl;

    @Option(names = "--placement-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The placement service (CORRAL_PLACEMENT_URL; default port 8889 on localhost).")
    private String placementUrl;

    @Option(names = "--routes-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The route emitter (CORRAL_ROUTES_URL; default port 8890 on localhost).")
    private String routesUrl;

    @Option(names = "--ssh-auth-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "ssh-auth-service (CORRAL_SSH_AUTH_URL; default port 8891 on localhost).")
    private String sshAuthUrl;

    @Option(names = "--ssh-endpoint", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
            description = "The SSH proxy (CORRAL_SSH_ENDPOINT; default localhost:2222).")
    private String sshEndpoint;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "JWT",
            description = "The bearer token (CORRAL_TOKEN; default: the embedded launcher's development token).")
    private String token;

    @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "A file holding the bearer token (CORRAL_TOKEN_FILE).")
    private Path tokenFile;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The settings file (CORRAL_CONFIG; default: config.properties in ~/.corral).")
    private Path config;

    public CorralCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(CliEnvironment.system()).execute(args));
    }

    /**
     * The command line, its failures mapped to {@link ExitCodes}: a {@link CliFailure}'s
     * message and code, a usage error's 1.
     */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new CorralCli(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("corral: " + e.getMessage());
            failed.getErr().println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof CliFailure failure) {
                failed.getErr().println("corral: " + failure.getMessage());
                return failure.exitCode();
            }
            throw e;
        });
        return commandLine;
    }

    CliEnvironment environment() {
        return environment;
    }

    boolean json() {
        return json;
    }

    /** The services as the settings say, resolved when a command first needs them. */
    public Connections connections() {
        if (connections == null) {
            Map<Service, String> urls = new EnumMap<>(Service.class);
            putIfGiven(urls, Service.RECEPTOR, receptorUrl);
            putIfGiven(urls, Service.PLACEMENT, placementUrl);
            putIfGiven(urls, Service.ROUTES, routesUrl);
            putIfGiven(urls, Service.SSH_AUTH, sshAuthUrl);
            connections = new Connections(SettingsResolver
                .resolve(new ConnectionFlags(urls, sshEndpoint, token, tokenFile, config), environment), environment);
        }
        return connections;
    }

    private static void putIfGiven(Map<Service, String> urls, Service service, String url) {
        if (url != null) {
            urls.put(service, url);
        }
    }

    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = CorralCli.class.getPackage().getImplementationVersion();
            return new String[] { "corral " + (version == null ? "(development build)" : version) };
        }

    }

}
