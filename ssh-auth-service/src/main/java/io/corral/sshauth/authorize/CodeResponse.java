package io.corral.sshauth.authorize;

/**
 * A one-time code: the password of one {@code cf:} login within {@code expires_in}
 * seconds.
 */
record CodeResponse(String code, long expiresIn) {

    @Override
    public String toString() {
        return "CodeResponse[expiresIn=" + expiresIn + "]";
    }

}
