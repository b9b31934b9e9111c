package io.corral.cli.ssh;

import io.corral.cli.CliFailure;
import io.corral.cli.ExitCodes;
import io.corral.cli.http.ServiceClient;
import java.io.IOException;
import java.util.List;

/**
 * Logs in to the SSH proxy as {@code cf ssh} does: a one-time code from ssh-auth-service
 * ({@code POST /v1/ssh/codes} with the operator's token), given to OpenSSH as the
 * password. Answers OpenSSH's exit status.
 */
final class ProxyLogin {

    private ProxyLogin() {
    }

    static int run(ServiceClient sshAuth, Processes processes, List<String> command) {
        String code = sshAuth.send("POST", "/v1/ssh/codes", null, null).path("code").asString();
        try (Askpass askpass = Askpass.create()) {
            return processes.run(command, askpass.environment(code));
        }
        catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot run " + command.get(0) + ": " + e.getMessage()
                    + "\nInstall the OpenSSH client (Debian and Ubuntu: apt-get install openssh-client).");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.USAGE, command.get(0) + " was interrupted");
        }
    }

}
