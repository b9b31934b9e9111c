package io.corral.cell.process;

/** How an action ended: it succeeded, or it failed for the reason given. */
public record Outcome(boolean succeeded, String failure) {

    static final Outcome SUCCESS = new Outcome(true, null);

    static Outcome failed(String reason) {
        return new Outcome(false, reason);
    }

}
