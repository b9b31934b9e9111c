package io.corral.receptor.api;

/**
 * Why one decision of a batch was refused: the error the single assignment endpoint would
 * answer.
 */
public record AssignmentError(String name, String message) {
}
