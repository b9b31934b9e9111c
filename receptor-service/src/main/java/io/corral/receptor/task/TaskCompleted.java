package io.corral.receptor.task;

/**
 * A task with a completion callback became COMPLETED; published inside the transaction
 * that did it.
 */
record TaskCompleted(String taskGuid) {
}
