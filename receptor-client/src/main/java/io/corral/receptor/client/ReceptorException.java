package io.corral.receptor.client;

/**
 * The receptor answered with an error: its HTTP status and the {@code name} of the API
 * error.
 */
public class ReceptorException extends RuntimeException {

    private final int status;

    private final String name;

    public ReceptorException(int status, String name, String message) {
        super(status + " " + name + ": " + message);
        this.status = status;
        this.name = name;
    }

    public int status() {
        return status;
    }

    public String name() {
        return name;
    }

}
