package io.corral.sshproxy.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InstancePathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "''|''", "/|''", "logs|logs", "/logs/app.log|logs/app.log", "logs//app.log|logs/app.log",
                    "./logs/./app.log|logs/app.log", "logs/../app/x|app/x", "a/b/../..|''", "logs/|logs" })
    void normalises(String path, String normalised) {
        assertThat(InstancePath.normalise(path)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = { "..", "../etc/passwd", "logs/../../x", "/a/b/../../../c", "a\u0000b", "a\nb", "a\\..\\b" })
    void refusesWhatWouldLeaveTheRootOrIsNotAPath(String path) {
        assertThatIllegalArgumentException().isThrownBy(() -> InstancePath.normalise(path));
    }

    @ParameterizedTest
    @CsvSource({ "/home/vcap,/home/vcap,true", "/home/vcap,/home/vcap/app/x,true", "/home/vcap,/home/vcapx,false",
            "/home/vcap,/etc/passwd,false", "/home/vcap,/home,false", "/,/etc,true" })
    void knowsWhatIsWithinTheRoot(String root, String canonical, boolean within) {
        assertThat(InstancePath.isWithin(root, canonical)).isEqualTo(within);
    }

    @Property
    void aNormalisedPathNeverClimbs(@ForAll String path) {
        try {
            String normalised = InstancePath.normalise(path);
            assertThat(normalised.split("/")).doesNotContain("..", ".");
            assertThat(normalised).doesNotStartWith("/").doesNotEndWith("/");
        }
        catch (IllegalArgumentException refused) {
            // refused is fine
        }
    }

}
