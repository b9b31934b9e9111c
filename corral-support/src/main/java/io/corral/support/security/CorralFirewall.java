package io.corral.support.security;

import java.util.regex.Pattern;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its default rules, the header values'
 * decided without its regular expression in the common case of printable ASCII: the
 * firewall checks every header it is asked for, the bearer token among them, on every
 * request.
 */
public final class CorralFirewall {

    /** The firewall's own rule for header values, for what is not printable ASCII. */
    private static final Pattern ASSIGNED_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private CorralFirewall() {
    }

    public static StrictHttpFirewall create() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(CorralFirewall::allowedHeaderValue);
        return firewall;
    }

    /** Assigned characters and no control characters, as the firewall's default. */
    static boolean allowedHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                return ASSIGNED_NOT_CONTROL.matcher(value).matches();
            }
        }
        return true;
    }

}
