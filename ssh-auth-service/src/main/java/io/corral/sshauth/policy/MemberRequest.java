package io.corral.sshauth.policy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A space membership as an admin sets it: the role is {@code developer}. */
record MemberRequest(@NotNull @Pattern(regexp = "developer", message = "must be developer") String role) {
}
