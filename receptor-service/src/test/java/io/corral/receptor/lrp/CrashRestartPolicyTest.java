package io.corral.receptor.lrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrashRestartPolicyTest {

    private static final long CRASHED_AT = 1_000_000_000_000L;

    @Test
    void firstThreeCrashesRestartAtOnce() {
        for (int crashes = 1; crashes <= 3; crashes++) {
            assertThat(CrashRestartPolicy.restartsAtOnce(crashes)).isTrue();
            assertThat(CrashRestartPolicy.waitBeforeRestart(crashes)).isZero();
        }
        assertThat(CrashRestartPolicy.restartsAtOnce(4)).isFalse();
    }

    @Test
    void waitStartsAtThirtySecondsAndDoublesUpToSixteenMinutes() {
        assertThat(CrashRestartPolicy.waitBeforeRestart(4)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CrashRestartPolicy.waitBeforeRestart(5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(CrashRestartPolicy.waitBeforeRestart(6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(CrashRestartPolicy.waitBeforeRestart(7)).isEqualTo(Duration.ofMinutes(4));
        assertThat(CrashRestartPolicy.waitBeforeRestart(8)).isEqualTo(Duration.ofMinutes(8));
        assertThat(CrashRestartPolicy.waitBeforeRestart(9)).isEqualTo(Duration.ofMinutes(16));
        assertThat(CrashRestartPolicy.waitBeforeRestart(10)).isEqualTo(Duration.ofMinutes(16));
        assertThat(CrashRestartPolicy.waitBeforeRestart(199)).isEqualTo(Duration.ofMinutes(16));
    }

    @Test
    void restartIsDueOnlyOnceTheWaitHasPassed() {
        long thirtySeconds = Duration.ofSeconds(30).toNanos();
        assertThat(CrashRestartPolicy.restartDue(4, CRASHED_AT, CRASHED_AT + thirtySeconds - 1)).isFalse();
        assertThat(CrashRestartPolicy.restartDue(4, CRASHED_AT, CRASHED_AT + thirtySeconds)).isTrue();
        assertThat(CrashRestartPolicy.restartDue(5, CRASHED_AT, CRASHED_AT + thirtySeconds)).isFalse();
    }

    @Test
    void noRestartAfterTwoHundredCrashes() {
        long aDayLater = CRASHED_AT + Duration.ofDays(1).toNanos();
        assertThat(CrashRestartPolicy.restartDue(199, CRASHED_AT, aDayLater)).isTrue();
        assertThat(CrashRestartPolicy.restartDue(200, CRASHED_AT, aDayLater)).isFalse();
        assertThat(CrashRestartPolicy.restartDue(201, CRASHED_AT, aDayLater)).isFalse();
    }

}
