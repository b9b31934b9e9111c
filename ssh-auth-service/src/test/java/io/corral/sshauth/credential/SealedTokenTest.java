package io.corral.sshauth.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.StringLength;

class SealedTokenTest {

    @Property(tries = 200)
    void onlyItsCodeOpensASealedToken(@ForAll @AlphaChars @StringLength(min = 20, max = 40) String code,
            @ForAll @AlphaChars @StringLength(min = 20, max = 40) String otherCode,
            @ForAll @NotBlank @StringLength(min = 16, max = 2000) String token) {
        byte[] sealed = SealedToken.seal(code, token);

        assertThat(SealedToken.open(code, sealed)).isEqualTo(token);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(token);
        if (!otherCode.equals(code)) {
            assertThatThrownBy(() -> SealedToken.open(otherCode, sealed)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Property(tries = 50)
    void aTamperedSealDoesNotOpen(@ForAll @AlphaChars @StringLength(min = 20, max = 40) String code,
            @ForAll @AlphaChars @StringLength(min = 16, max = 200) String token) {
        byte[] sealed = SealedToken.seal(code, token);
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> SealedToken.open(code, sealed)).isInstanceOf(IllegalStateException.class);
    }

}
