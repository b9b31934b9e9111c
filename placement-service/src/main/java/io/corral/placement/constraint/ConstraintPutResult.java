package io.corral.placement.constraint;

/**
 * The answer to a PUT of a constraint, {@code {"constraint": {...}}}: an object, so that what a
 * change brings about (violations, a rollout) can join the constraint as fields of their own.
 */
public record ConstraintPutResult(StoredConstraint constraint) {
}
