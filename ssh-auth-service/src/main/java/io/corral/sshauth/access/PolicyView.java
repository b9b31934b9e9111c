package io.corral.sshauth.access;

/** The SSH policy a decision reads: switches per level and the spaces' developers. */
public interface PolicyView {

    SshSwitch platform();

    SshSwitch space(String spaceGuid);

    SshSwitch app(String appGuid);

    boolean isDeveloper(String userId, String spaceGuid);

    boolean replaceTainted(String spaceGuid);

}
