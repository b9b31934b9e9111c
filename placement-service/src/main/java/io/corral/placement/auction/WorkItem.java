package io.corral.placement.auction;

/**
 * One instance or task to place.
 *
 * @param id the caller's name for it, unique within an auction
 * ({@code process_guid/index}, a task guid)
 * @param process what it is spread with: instances of one process spread over zones and
 * cells
 * @param rootfs the root filesystem it needs
 * @param needs its memory, disk and container slot
 * @param rules its effective placement rules
 */
public record WorkItem(String id, String process, String rootfs, Resources needs, PlacementRules rules) {
}
