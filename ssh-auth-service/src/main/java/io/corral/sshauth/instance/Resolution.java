package io.corral.sshauth.instance;

import io.corral.sshauth.access.AppOnRecord;

/**
 * What the receptor says of a login's app and index: {@code app} is null when there is no
 * such app (or process); {@code target} is set only for a running instance that can be
 * reached over SSH.
 */
public record Resolution(AppOnRecord app, SshTarget target) {

    public static final Resolution NONE = new Resolution(null, null);

}
