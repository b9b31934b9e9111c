package io.corral.placement.auction;

/**
 * An amount of a cell's resources: what it has, what is used, or what one instance needs.
 */
public record Resources(long memoryMb, long diskMb, int containers) {

    public static final Resources NONE = new Resources(0, 0, 0);

    /** What one instance or task takes: its memory and disk, and one container slot. */
    public static Resources ofInstance(long memoryMb, long diskMb) {
        return new Resources(memoryMb, diskMb, 1);
    }

    public Resources plus(Resources other) {
        return new Resources(memoryMb + other.memoryMb, diskMb + other.diskMb, containers + other.containers);
    }

    public Resources minus(Resources other) {
        return new Resources(memoryMb - other.memoryMb, diskMb - other.diskMb, containers - other.containers);
    }
}
