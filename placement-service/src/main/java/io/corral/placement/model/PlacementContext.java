package io.corral.placement.model;

import io.corral.placement.auction.Occupancy;
import io.corral.receptor.api.DesiredLrp;

/**
 * One instance as if it were being placed now: its desired LRP, and what the cells hold
 * besides it, with its process's spread.
 */
public record PlacementContext(DesiredLrp desiredLrp, Occupancy others) {
}
