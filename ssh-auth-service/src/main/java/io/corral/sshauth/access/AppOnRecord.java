package io.corral.sshauth.access;

/**
 * The app a {@code cf:} login names, as the receptor knows it: its space (null when its
 * desired LRP names none, so only an admin reaches it) and the state of the instance at
 * the login's index.
 */
public record AppOnRecord(String appGuid, String spaceGuid, InstanceState instance) {
}
