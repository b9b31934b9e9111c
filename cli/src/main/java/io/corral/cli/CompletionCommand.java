package io.corral.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code corral completion bash}: the completion script of every command and option, for
 * bash (zsh reads it too, after {@code autoload -U bashcompinit && bashcompinit}).
 */
@Command(name = "completion", description = "Print the shell completion script: source <(corral completion bash).")
public class CompletionCommand extends CliCommand {

    enum Shell {

        bash

    }

    @Parameters(paramLabel = "SHELL", description = "bash (zsh too, with bashcompinit).")
    private Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("corral", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

}
