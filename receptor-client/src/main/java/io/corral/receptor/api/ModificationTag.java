package io.corral.receptor.api;

/**
 * Changes with every write of a record; a write naming a stale tag is refused with 409.
 */
public record ModificationTag(String epoch, long index) {
}
