package io.corral.cell.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HostKeyFingerprintsTest {

    private final HostKeyFingerprints key = HostKeyFingerprints.of(RouteKeys.hostKey(null).getPublic());

    private final HostKeyFingerprints other = HostKeyFingerprints.of(RouteKeys.hostKey(null).getPublic());

    @Test
    void aRouteNamesTheKeyInEveryFormDiegoWrites() {
        String base64 = key.sha256().substring("SHA256:".length());

        assertThat(key.sha256()).matches("SHA256:[A-Za-z0-9+/]{43}");
        assertThat(key.md5()).matches("[0-9a-f]{2}(:[0-9a-f]{2}){15}");
        assertThat(key.sha1()).matches("[0-9a-f]{2}(:[0-9a-f]{2}){19}");
        assertThat(List.of(key.sha256(), base64, base64 + "=", "sha256:" + base64, key.md5(),
                key.md5().toUpperCase(Locale.ROOT), key.sha1(), " " + key.md5() + " "))
            .allMatch(key::matches);
    }

    @Test
    void anotherKeyOrNoFingerprintIsNotNamed() {
        assertThat(List.of(other.sha256(), other.md5(), other.sha1(), "", "SHA256:", "not a fingerprint"))
            .noneMatch(key::matches);
        assertThat(key.matches(null)).isFalse();
    }

}
