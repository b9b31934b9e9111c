package io.corral.sshauth.access;

import io.corral.receptor.api.ApiPatterns;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an SSH user name asks for: {@code cf:APP_GUID/INDEX} (a developer, on an app's
 * instance) or {@code diego:PROCESS_GUID/INDEX} (an operator, on a process's instance).
 * Anything else is no user name of ours.
 */
public sealed interface SshUsername {

    /** Indices above this are refused as malformed: no LRP has that many instances. */
    int MAX_INDEX = 100_000;

    Pattern FORM = Pattern.compile("(cf|diego):([^/]{1,255})/(0|[1-9][0-9]{0,5})");

    int index();

    /** The parsed user name, or empty when it is not one of the two forms. */
    static Optional<SshUsername> parse(String username) {
        if (username == null) {
            return Optional.empty();
        }
        Matcher form = FORM.matcher(username);
        if (!form.matches() || !ApiPatterns.isGuid(form.group(2))) {
            return Optional.empty();
        }
        int index = Integer.parseInt(form.group(3));
        if (index > MAX_INDEX) {
            return Optional.empty();
        }
        String guid = form.group(2);
        return Optional.of("cf".equals(form.group(1)) ? new App(guid, index) : new Process(guid, index));
    }

    /** {@code cf:APP_GUID/INDEX}. */
    record App(String appGuid, int index) implements SshUsername {
    }

    /** {@code diego:PROCESS_GUID/INDEX}. */
    record Process(String processGuid, int index) implements SshUsername {
    }

}
