package io.corral.receptor.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiPatternsTest {

    @Test
    void aGuidIsLettersDigitsDashesAndUnderscoresUpToTheLimit() {
        assertThat(ApiPatterns.isGuid("cell_1-A")).isTrue();
        assertThat(ApiPatterns.isGuid("g".repeat(ApiPatterns.MAX_GUID_LENGTH))).isTrue();

        assertThat(ApiPatterns.isGuid("")).isFalse();
        assertThat(ApiPatterns.isGuid("a.b")).isFalse();
        assertThat(ApiPatterns.isGuid("a b")).isFalse();
        assertThat(ApiPatterns.isGuid("a\n")).isFalse();
        assertThat(ApiPatterns.isGuid("g".repeat(ApiPatterns.MAX_GUID_LENGTH + 1))).isFalse();
    }

    @Test
    void aNameMayAlsoHoldDots() {
        assertThat(ApiPatterns.isName("cf-apps.example.com")).isTrue();
        assertThat(ApiPatterns.isName("n".repeat(ApiPatterns.MAX_GUID_LENGTH))).isTrue();

        assertThat(ApiPatterns.isName("")).isFalse();
        assertThat(ApiPatterns.isName("a/b")).isFalse();
        assertThat(ApiPatterns.isName("n".repeat(ApiPatterns.MAX_GUID_LENGTH + 1))).isFalse();
    }

}
