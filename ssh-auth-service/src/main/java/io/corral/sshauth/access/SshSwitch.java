package io.corral.sshauth.access;

/**
 * SSH at one level (platform, space or app): on or off, and the permissions it lets
 * through. A level nobody configured is {@link #OPEN}, as in Cloud Foundry, where
 * {@code allow_app_ssh_access}, {@code allow_ssh} and {@code enable_ssh} default to on;
 * who may log in is still limited to the space's developers.
 */
public record SshSwitch(boolean enabled, Permissions permissions) {

    public static final SshSwitch OPEN = new SshSwitch(true, Permissions.ALL);

}
