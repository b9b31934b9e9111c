package io.corral.cli.config;

import io.corral.cli.CliEnvironment;
import io.corral.cli.CliFailure;
import io.corral.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Decides each setting: the flag, else the environment variable, else the config file,
 * else the embedded launcher's layout (its ports, its {@code .corral/dev-token} found by
 * walking up from the working directory).
 */
public final class SettingsResolver {

    static final String SSH_ENDPOINT_VARIABLE = "CORRAL_SSH_ENDPOINT";

    static final String TOKEN_VARIABLE = "CORRAL_TOKEN";

    static final String TOKEN_FILE_VARIABLE = "CORRAL_TOKEN_FILE";

    static final Path DEV_TOKEN = Path.of(".corral", "dev-token");

    private SettingsResolver() {
    }

    public static Settings resolve(ConnectionFlags flags, CliEnvironment env) {
        ConfigFile config = ConfigFile.load(flags.config(), env);
        Map<Service, ServiceUrl> urls = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, url(service, flags.urls().get(service), env, config));
        }
        return new Settings(urls, sshEndpoint(flags.sshEndpoint(), env, config), token(flags, env, config));
    }

    private static ServiceUrl url(Service service, String flag, CliEnvironment env, ConfigFile config) {
        if (flag != null) {
            return parseUrl(service, flag, service.flag());
        }
        String variable = env.variable(service.variable());
        if (variable != null) {
            return parseUrl(service, variable, service.variable());
        }
        String configured = config.get(service.configKey());
        if (configured != null) {
            return parseUrl(service, configured, config.origin(service.configKey()));
        }
        String port = env.variable(service.launcherPortVariable());
        return port == null
                ? parseUrl(service, "http://localhost:" + service.launcherPort(), "the embedded launcher's default")
                : parseUrl(service, "http://localhost:" + port,
                        service.launcherPortVariable() + " (the launcher's port)");
    }

    private static ServiceUrl parseUrl(Service service, String value, String origin) {
        try {
            URI uri = new URI(value.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return new ServiceUrl(service, uri, origin);
            }
        }
        catch (URISyntaxException e) {
            // refused below
        }
        throw new CliFailure(ExitCodes.USAGE, origin + ": '" + value + "' is not a URL of the " + service.displayName()
                + " (http://host:port or https://host:port)");
    }

    private static SshEndpoint sshEndpoint(String flag, CliEnvironment env, ConfigFile config) {
        if (flag != null) {
            return parseEndpoint(flag, "--ssh-endpoint");
        }
        String variable = env.variable(SSH_ENDPOINT_VARIABLE);
        if (variable != null) {
            return parseEndpoint(variable, SSH_ENDPOINT_VARIABLE);
        }
        String configured = config.get("ssh.endpoint");
        if (configured != null) {
            return parseEndpoint(configured, config.origin("ssh.endpoint"));
        }
        return new SshEndpoint("localhost", SshEndpoint.DEFAULT_PORT, "the embedded launcher's default");
    }

    private static SshEndpoint parseEndpoint(String value, String origin) {
        SshEndpoint endpoint = SshEndpoint.parse(value.strip(), origin);
        if (endpoint == null) {
            throw new CliFailure(ExitCodes.USAGE,
                    origin + ": '" + value + "' is not an SSH endpoint (host:port, or host for port 2222)");
        }
        return endpoint;
    }

    private static Token token(ConnectionFlags flags, CliEnvironment env, ConfigFile config) {
        if (flags.token() != null) {
            return token(flags.token(), "--token", false);
        }
        if (flags.tokenFile() != null) {
            return tokenFile(env.workingDirectory().resolve(flags.tokenFile()), "--token-file");
        }
        if (env.variable(TOKEN_VARIABLE) != null) {
            return token(env.variable(TOKEN_VARIABLE), TOKEN_VARIABLE, false);
        }
        if (env.variable(TOKEN_FILE_VARIABLE) != null) {
            return tokenFile(env.workingDirectory().resolve(env.variable(TOKEN_FILE_VARIABLE)), TOKEN_FILE_VARIABLE);
        }
        if (config.get("token") != null) {
            return token(config.get("token"), config.origin("token"), false);
        }
        if (config.get("token-file") != null) {
            return tokenFile(config.path().resolveSibling(config.get("token-file")), config.origin("token-file"));
        }
        return developmentToken(env.workingDirectory());
    }

    private static Token tokenFile(Path file, String origin) {
        try {
            return token(Files.readString(file), file + " (" + origin + ")", file.endsWith(DEV_TOKEN));
        }
        catch (IOException e) {
            throw new CliFailure(ExitCodes.AUTH, "cannot read the token file " + file + " named by " + origin + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /**
     * The embedded launcher's token, in this directory's {@code .corral/} or a parent's.
     */
    private static Token developmentToken(Path workingDirectory) {
        for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(DEV_TOKEN);
            if (Files.isRegularFile(file)) {
                return tokenFile(file, "the embedded launcher's development token");
            }
        }
        return null;
    }

    private static Token token(String value, String origin, boolean developmentToken) {
        String token = value.strip();
        if (token.regionMatches(true, 0, "bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.isEmpty()) {
            throw new CliFailure(ExitCodes.AUTH, "the token from " + origin + " is empty");
        }
        return new Token(token, origin, developmentToken);
    }

}
