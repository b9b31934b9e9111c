package io.corral.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups others: named without one of them, it is a usage error. */
public abstract class CommandGroup implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        Map<String, CommandLine> commands = spec.subcommands();
        throw new ParameterException(spec.commandLine(), "Missing a command: one of "
                + String.join(", ", commands.keySet().stream().filter(name -> !"help".equals(name)).toList()));
    }

}
