package io.corral.cli;

/**
 * A command cannot do what it was asked: its message (for the operator, saying what to
 * do) goes to stderr and the CLI exits with {@link #exitCode()}, one of
 * {@link ExitCodes}.
 */
public class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

}
