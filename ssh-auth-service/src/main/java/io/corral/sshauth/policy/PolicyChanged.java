package io.corral.sshauth.policy;

/**
 * The policy of one level, or a space's members, changed on this replica (after the
 * change committed and the in-memory policy caught up): live grants are decided again.
 */
public record PolicyChanged(Level level, String guid) {
}
