package io.corral.sshauth.policy;

import java.util.Locale;

/** Where a switch applies. The platform has one, of guid {@code ""}. */
public enum Level {

    PLATFORM, SPACE, APP;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Level ofColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }

}
