package io.corral.receptor.lrp;

/**
 * One desired LRP's instance count against its actual instances: {@code present} is how
 * many indices below {@code instances} have a current (ordinary) instance, {@code extra}
 * how many instances, evacuating and suspect ones too, stand at or above it.
 */
public record IndexCount(String processGuid, int instances, long present, long extra) {

    /** Whether an index is missing or one should be retired. */
    public boolean offTarget() {
        return present != instances || extra > 0;
    }
}
