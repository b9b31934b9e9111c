package io.corral.sshauth.policy;

import io.corral.sshauth.access.Permissions;
import io.corral.sshauth.access.SshSwitch;
import java.time.Instant;

/** One configured level as stored and shown. */
record StoredLevel(Level level, String guid, boolean enabled, Permissions permissions, boolean replaceTainted,
        String updatedBy, Instant updatedAt) {

    SshSwitch sshSwitch() {
        return new SshSwitch(enabled, permissions);
    }

}
