package io.corral.cell.container;

/**
 * The memory and disk an LRP or task asked for, 0 for no limit (as Diego reads 0).
 */
public record ResourceLimits(int memoryMb, int diskMb) {

    public static final ResourceLimits NONE = new ResourceLimits(0, 0);

    public ResourceLimits {
        if (memoryMb < 0 || diskMb < 0) {
            throw new IllegalArgumentException("limits are 0 (none) or more: " + memoryMb + " MB, " + diskMb + " MB");
        }
    }

    public static ResourceLimits of(Integer memoryMb, Integer diskMb) {
        return new ResourceLimits(memoryMb == null ? 0 : memoryMb, diskMb == null ? 0 : diskMb);
    }

}
