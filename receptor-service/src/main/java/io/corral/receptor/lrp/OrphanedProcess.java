package io.corral.receptor.lrp;

/** A process that has instances in {@code domain} and is no longer desired. */
record OrphanedProcess(String processGuid, String domain) {
}
