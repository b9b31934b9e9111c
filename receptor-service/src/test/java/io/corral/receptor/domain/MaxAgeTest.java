package io.corral.receptor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaxAgeTest {

    @Test
    void readsTheMaxAgeDirective() {
        assertThat(MaxAge.parse("max-age=120")).contains(Duration.ofSeconds(120));
        assertThat(MaxAge.parse("public, Max-Age=0")).contains(Duration.ZERO);
    }

    @Test
    void refusesMissingOrMalformedAges() {
        assertThat(MaxAge.parse(null)).isEmpty();
        assertThat(MaxAge.parse("no-cache")).isEmpty();
        assertThat(MaxAge.parse("max-age=")).isEmpty();
        assertThat(MaxAge.parse("max-age=-5")).isEmpty();
        assertThat(MaxAge.parse("max-age=1e3")).isEmpty();
        assertThat(MaxAge.parse("max-age=99999999999")).isEmpty();
    }

}
