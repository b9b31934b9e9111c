package io.corral.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The development issuer has no default files: whoever turns it on says where its key and
 * token go, so tests and benchmarks never write into {@code .corral/}.
 */
class DevIssuerPropertiesTest {

    @Test
    void theIssuerTurnedOnWithoutItsFilesIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DevIssuerProperties(true, null, null, null, null))
            .withMessageContaining("key-file and token-file");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new DevIssuerProperties(true, Path.of("key"), null, null, null));
    }

    @Test
    void theIssuerTurnedOffNeedsNoFiles() {
        DevIssuerProperties off = new DevIssuerProperties(false, null, null, null, null);

        assertThat(off.keyFile()).isNull();
        assertThat(off.tokenFile()).isNull();
    }

}
