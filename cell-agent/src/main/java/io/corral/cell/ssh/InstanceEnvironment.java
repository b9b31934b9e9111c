package io.corral.cell.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.server.Environment;

/**
 * The environment a command or shell of an instance runs with: nothing of the agent's
 * own, a minimal login environment, the instance's environment over it, then what the
 * client may set ({@code TERM} from its terminal request, and {@code LANG} and
 * {@code LC_*} as Debian's sshd accepts them, where the instance does not set them), so a
 * client cannot change the instance's variables.
 */
final class InstanceEnvironment {

    /** The shell commands and interactive sessions run in. */
    static final String SHELL = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh";

    private InstanceEnvironment() {
    }

    static Map<String, String> of(InstanceSshSpec spec, Environment client, Optional<Terminal> terminal) {
        Map<String, String> variables = new HashMap<>();
        variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        variables.put("HOME", spec.directory().toString());
        variables.put("USER", spec.user());
        variables.put("LOGNAME", spec.user());
        variables.put("SHELL", SHELL);
        variables.putAll(spec.environment());
        client.getEnv().forEach((name, value) -> {
            if ((name.equals("LANG") || name.startsWith("LC_")) && !spec.environment().containsKey(name)) {
                variables.put(name, value);
            }
        });
        terminal.ifPresent(it -> variables.put("TERM", it.type()));
        return variables;
    }

}
