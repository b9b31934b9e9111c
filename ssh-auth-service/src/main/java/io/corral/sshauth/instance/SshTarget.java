package io.corral.sshauth.instance;

/**
 * Where a granted login goes: the instance's address and the host port mapped to its SSH
 * daemon's container port, with the second hop's credentials from the {@code diego-ssh}
 * route. {@code privateKey} is never printed.
 */
public record SshTarget(String processGuid, String instanceGuid, int index, String appGuid, String spaceGuid,
        String address, int port, String user, String privateKey, String hostFingerprint) {

    @Override
    public String toString() {
        return "SshTarget[processGuid=" + processGuid + ", instanceGuid=" + instanceGuid + ", index=" + index
                + ", address=" + address + ":" + port + "]";
    }

}
