package io.corral.sshauth.authorize;

/** The Cloud Controller's answer to {@code ssh_access}: the process to log in to. */
record ProcessAccess(String processGuid) {
}
