package io.corral.sshauth.policy;

import io.corral.sshauth.access.PolicyView;
import io.corral.sshauth.access.SshSwitch;
import java.util.Map;
import java.util.Set;

/**
 * The whole SSH policy as of one {@code version} (the policy audit's highest id), held in
 * memory so a login reads no table. Levels without a row are open.
 */
record PolicyBook(long version, SshSwitch platformSwitch, Map<String, StoredLevel> spaces,
        Map<String, StoredLevel> apps, Map<String, Set<String>> developersBySpace) implements PolicyView {

    static final PolicyBook EMPTY = new PolicyBook(-1, SshSwitch.OPEN, Map.of(), Map.of(), Map.of());

    @Override
    public SshSwitch platform() {
        return platformSwitch;
    }

    @Override
    public SshSwitch space(String spaceGuid) {
        StoredLevel level = spaces.get(spaceGuid);
        return level == null ? SshSwitch.OPEN : level.sshSwitch();
    }

    @Override
    public SshSwitch app(String appGuid) {
        StoredLevel level = apps.get(appGuid);
        return level == null ? SshSwitch.OPEN : level.sshSwitch();
    }

    @Override
    public boolean isDeveloper(String userId, String spaceGuid) {
        return developersBySpace.getOrDefault(spaceGuid, Set.of()).contains(userId);
    }

    @Override
    public boolean replaceTainted(String spaceGuid) {
        StoredLevel level = spaces.get(spaceGuid);
        return level != null && level.replaceTainted();
    }

}
