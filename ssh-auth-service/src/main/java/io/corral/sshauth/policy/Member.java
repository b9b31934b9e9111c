package io.corral.sshauth.policy;

import java.time.Instant;

/** A space's member: the only role is {@code developer}, who may log in to its apps. */
record Member(String spaceGuid, String userId, String role, String addedBy, Instant addedAt) {
}
