package io.corral.placement.auction;

/**
 * Why work stays unplaced; {@link #message()} is the receptor's {@code placement_error}.
 */
public enum PlacementError {

    NO_COMPATIBLE_CELL("found no compatible cell"), INSUFFICIENT_MEMORY("insufficient resources: memory"),
    INSUFFICIENT_DISK("insufficient resources: disk"), INSUFFICIENT_CONTAINERS("insufficient resources: containers"),
    CELL_CAP_REACHED("every compatible cell holds its cap of instances of this process");

    private final String message;

    PlacementError(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

}
