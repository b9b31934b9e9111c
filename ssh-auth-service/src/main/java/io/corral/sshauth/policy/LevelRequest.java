package io.corral.sshauth.policy;

import jakarta.validation.constraints.NotNull;

/**
 * A level's switch as an admin sets it; {@code replace_tainted} only for a space.
 */
record LevelRequest(@NotNull Boolean enabled, PermissionSettings permissions, Boolean replaceTainted) {
}
