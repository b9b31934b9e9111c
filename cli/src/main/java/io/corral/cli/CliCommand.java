package io.corral.cli;

import io.corral.cli.config.Service;
import io.corral.cli.http.ReceptorCalls;
import io.corral.cli.http.ServiceClient;
import io.corral.cli.output.Output;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command of {@code corral}: reaches the services and the output through the root
 * command, which holds the options every command shares.
 */
public abstract class CliCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected CorralCli cli() {
        return (CorralCli) spec.root().userObject();
    }

    protected CliEnvironment env() {
        return cli().environment();
    }

    protected Output output() {
        return new Output(spec.commandLine().getOut(), cli().json());
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected ReceptorCalls receptor() {
        return cli().connections().receptor();
    }

    /** The placement service, the route emitter or ssh-auth-service. */
    protected ServiceClient client(Service service) {
        return cli().connections().client(service);
    }

}
