package io.corral.sshauth.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** User names: the two forms and nothing else. */
class SshUsernameTest {

    @Example
    void parsesBothForms() {
        assertThat(SshUsername.parse("cf:2b3c5f8e-7a1d-4e2b-9c0f-1a2b3c4d5e6f/0"))
            .contains(new SshUsername.App("2b3c5f8e-7a1d-4e2b-9c0f-1a2b3c4d5e6f", 0));
        assertThat(SshUsername.parse("diego:web_v1-x/12")).contains(new SshUsername.Process("web_v1-x", 12));
    }

    @Example
    void refusesAnythingElse() {
        for (String name : new String[] { null, "", "cf:", "cf:/0", "cf:app", "cf:app/", "cf:app/x", "cf:app/-1",
                "cf:app/01", "cf:app/0 ", " cf:app/0", "CF:app/0", "cf:app/0/0", "cf:a.b/0", "cf:a b/0", "diego:app",
                "cf:app/1000001", "cf:app/100001", "root", "cf:" + "a".repeat(256) + "/0" }) {
            assertThat(SshUsername.parse(name)).as(String.valueOf(name)).isEmpty();
        }
    }

    @Property
    void everyWellFormedNameRoundTrips(@ForAll("guids") String guid, @ForAll @IntRange(max = 100_000) int index) {
        assertThat(SshUsername.parse("cf:" + guid + "/" + index)).contains(new SshUsername.App(guid, index));
        assertThat(SshUsername.parse("diego:" + guid + "/" + index)).contains(new SshUsername.Process(guid, index));
    }

    @Property
    void nothingThrows(@ForAll String anything) {
        Optional<SshUsername> parsed = SshUsername.parse(anything);
        parsed.ifPresent(name -> assertThat(anything).matches("(cf|diego):[A-Za-z0-9_-]+/[0-9]+"));
    }

    @Provide
    Arbitrary<String> guids() {
        return Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(255);
    }

}
