package io.corral.placement.auction;

/**
 * Work already on a cell: it takes the cell's resources and counts towards its process's
 * spread.
 */
public record PlacedInstance(String cellId, String process, Resources uses) {
}
