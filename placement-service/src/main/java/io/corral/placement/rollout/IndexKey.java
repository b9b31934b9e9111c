package io.corral.placement.rollout;

/**
 * One index of one process: how rollout instances and the receptor's instances are
 * matched up.
 */
record IndexKey(String processGuid, int index) {
}
