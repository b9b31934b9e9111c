package io.corral.cell.container;

/**
 * How a task ended: {@code result} is its result file's content (or empty), a failure
 * names its reason.
 */
public record TaskOutcome(boolean failed, String failureReason, String result) {

    public static TaskOutcome succeeded(String result) {
        return new TaskOutcome(false, null, result);
    }

    public static TaskOutcome failed(String reason) {
        return new TaskOutcome(true, reason, "");
    }

}
