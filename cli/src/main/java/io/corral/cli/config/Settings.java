package io.corral.cli.config;

import io.corral.cli.CliFailure;
import io.corral.cli.ExitCodes;
import java.util.Map;

/**
 * Where each service is, where the SSH proxy is, and the token: from flags, else
 * environment variables, else the config file, else the embedded launcher's defaults.
 */
public record Settings(Map<Service, ServiceUrl> urls, SshEndpoint sshEndpoint, Token tokenOrNull) {

    public ServiceUrl url(Service service) {
        return urls.get(service);
    }

    /** The token; a failure saying where a token may come from when there is none. */
    public Token token() {
        if (tokenOrNull == null) {
            throw new CliFailure(ExitCodes.AUTH, """
                    no token: pass --token or --token-file, set CORRAL_TOKEN or CORRAL_TOKEN_FILE, or name token or \
                    token-file in the config file (~/.corral/config.properties, or $CORRAL_CONFIG).
                    The embedded launcher (java -jar corral-standalone/target/corral.jar) writes a development token \
                    to .corral/dev-token, which corral finds from that directory or any below it.""");
        }
        return tokenOrNull;
    }

}
