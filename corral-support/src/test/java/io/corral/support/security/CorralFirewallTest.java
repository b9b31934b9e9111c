package io.corral.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

class CorralFirewallTest {

    /** StrictHttpFirewall's default rule for header values. */
    private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void printableHeaderValuesPassAndControlCharactersDoNot() {
        assertThat(CorralFirewall.allowedHeaderValue("Bearer eyJ0eXAi.x-y_z~+/==")).isTrue();
        assertThat(CorralFirewall.allowedHeaderValue("café")).isTrue();
        assertThat(CorralFirewall.allowedHeaderValue("a\u0000b")).isFalse();
        assertThat(CorralFirewall.allowedHeaderValue("a\rb")).isFalse();
        assertThat(CorralFirewall.allowedHeaderValue("a\u007fb")).isFalse();
        assertThat(CorralFirewall.allowedHeaderValue("a\u0378b")).isFalse();
    }

    @Property(tries = 3000)
    void decidesAsTheFirewallsDefault(@ForAll @CharRange(from = '\u0000',
            to = '\u00ff') @Chars({ '\u0378', '\u2028', '\uffff', '\ud800' }) String value) {
        assertThat(CorralFirewall.allowedHeaderValue(value)).isEqualTo(SPRING_DEFAULT.matcher(value).matches());
    }

}
