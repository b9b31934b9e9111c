package io.corral.sshauth.access;

/**
 * Who logs in, from their verified token: {@code admin} when the token holds an admin
 * scope, which reaches every app.
 */
public record Caller(String userId, String userName, boolean admin) {
}
