package io.corral.placement.auction;

/**
 * Work already on a cell: it takes the cell's resources and counts towards its process's
 * spread.
 */
record PlacedInstance(String cellId, String process, Resources uses) {
}
