package io.corral.sshauth.policy;

import io.corral.sshauth.access.Permissions;
import java.time.Instant;

/**
 * A level's switch as it applies: {@code configured} false for one nobody set, which is
 * open.
 */
record LevelView(String scope, String guid, boolean configured, boolean enabled, Permissions permissions,
        Boolean replaceTainted, String updatedBy, Instant updatedAt) {

    static LevelView of(StoredLevel level) {
        return new LevelView(level.level().column(), guidOf(level.level(), level.guid()), true, level.enabled(),
                level.permissions(), level.level() == Level.SPACE ? level.replaceTainted() : null, level.updatedBy(),
                level.updatedAt());
    }

    static LevelView open(Level level, String guid) {
        return new LevelView(level.column(), guidOf(level, guid), false, true, Permissions.ALL,
                level == Level.SPACE ? false : null, null, null);
    }

    private static String guidOf(Level level, String guid) {
        return level == Level.PLATFORM ? null : guid;
    }

}
