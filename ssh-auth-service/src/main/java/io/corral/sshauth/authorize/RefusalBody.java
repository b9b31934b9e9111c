package io.corral.sshauth.authorize;

/** A refused or throttled login: the API error with its machine-readable reason. */
record RefusalBody(String name, String message, String reason) {
}
