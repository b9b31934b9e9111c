package io.corral.sshauth.instance;

/**
 * An instance changed at the receptor: {@code running} false once it no longer runs at
 * {@code address} (stopped, crashed, removed, moved).
 */
public record InstanceChanged(String processGuid, String instanceGuid, boolean running) {
}
