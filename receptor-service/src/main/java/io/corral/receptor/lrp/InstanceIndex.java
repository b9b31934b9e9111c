package io.corral.receptor.lrp;

/** One index of a desired LRP, whichever instances it has. */
record InstanceIndex(String processGuid, int index) {
}
