package io.corral.receptor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostFingerprintTest {

    private static final byte[] KEY = "ssh-ed25519 wire encoding of a host key".getBytes(StandardCharsets.US_ASCII);

    @Test
    void md5ColonHexAsDiegoWritesIt() throws Exception {
        String md5 = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(KEY));

        HostFingerprint fingerprint = HostFingerprint.parse(md5);

        assertThat(fingerprint.algorithm()).isEqualTo("MD5");
        assertThat(fingerprint.matches(KEY)).isTrue();
        assertThat(HostFingerprint.parse(md5.toUpperCase()).matches(KEY)).isTrue();
        assertThat(HostFingerprint.md5Of(KEY)).isEqualTo(md5);
    }

    @Test
    void sha1ColonHex() throws Exception {
        String sha1 = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-1").digest(KEY));

        assertThat(HostFingerprint.parse(sha1).algorithm()).isEqualTo("SHA-1");
        assertThat(HostFingerprint.parse(sha1).matches(KEY)).isTrue();
        assertThat(HostFingerprint.sha1Of(KEY)).isEqualTo(sha1);
    }

    @Test
    void sha256Base64WithOrWithoutPrefixAndPadding() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(KEY);
        String padded = Base64.getEncoder().encodeToString(digest);
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(digest);

        for (String form : new String[] { padded, unpadded, "SHA256:" + unpadded, "SHA256:" + padded }) {
            HostFingerprint fingerprint = HostFingerprint.parse(form);
            assertThat(fingerprint.algorithm()).as(form).isEqualTo("SHA-256");
            assertThat(fingerprint.matches(KEY)).as(form).isTrue();
        }
        assertThat(HostFingerprint.sha256Of(KEY)).isEqualTo("SHA256:" + unpadded);
    }

    @Test
    void anotherKeyDoesNotMatch() {
        HostFingerprint fingerprint = HostFingerprint.parse(HostFingerprint.sha256Of(KEY));

        assertThat(fingerprint.matches("another key".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "a6:14", "zz:14:15:16:17:18:19:1a:1b:1c:1d:1e:1f:20:21:22",
            "a6:14:15:16:17:18:19:1a:1b:1c:1d:1e:1f:20:21", "a6-14-15-16-17-18-19-1a-1b-1c-1d-1e-1f-20-21-22",
            "SHA256:short", "SHA256:!!!!", "MD5:a6:14:15:16:17:18:19:1a:1b:1c:1d:1e:1f:20:21:22" })
    void anythingElseIsRefused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> HostFingerprint.parse(text));
    }

    @Test
    void nullIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> HostFingerprint.parse(null));
    }

    @Property
    void everyKeyMatchesItsOwnFingerprintInEveryForm(@ForAll @Size(min = 1, max = 600) byte[] key) throws Exception {
        for (String algorithm : new String[] { "MD5", "SHA-1" }) {
            String hex = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance(algorithm).digest(key));
            assertThat(HostFingerprint.parse(hex).matches(key)).isTrue();
        }
        assertThat(HostFingerprint.parse(HostFingerprint.sha256Of(key)).matches(key)).isTrue();
    }

    @Property
    void arbitraryTextNeverThrowsAnythingButARefusal(@ForAll String text) {
        try {
            HostFingerprint.parse(text);
        }
        catch (IllegalArgumentException expected) {
            // refused
        }
    }

}
