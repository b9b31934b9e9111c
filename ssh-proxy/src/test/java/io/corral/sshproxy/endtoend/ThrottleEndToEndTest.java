package io.corral.sshproxy.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.testsupport.ssh.OpenSshClient;
import io.corral.testsupport.ssh.OpenSshClient.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ssh-auth-service's default throttle, seen through the proxy by the OpenSSH client. */
class ThrottleEndToEndTest {

    private static RealSshAuth corral;

    @BeforeAll
    static void start() {
        corral = new RealSshAuth(5);
        corral.desire("web-v1", "throttled-app", "space-t", 1);
        corral.run("web-v1", 0);
        corral.addDeveloper("space-t", "dev-1");
    }

    @AfterAll
    static void stop() {
        corral.close();
    }

    @Test
    void theSixthBadPasswordInAMinuteIsThrottled() {
        OpenSshClient guesser = OpenSshClient.withPassword(corral.sshPort(), "cf:throttled-app/0", "wrong-token");
        for (int attempt = 1; attempt <= 5; attempt++) {
            Result refused = guesser.ssh("", "-o", "LogLevel=INFO", "-o", "PreferredAuthentications=password", "--",
                    "true");
            assertThat(refused.stderr()).as("attempt %d", attempt).doesNotContainIgnoringCase("too many");
        }

        Result sixth = guesser.ssh("", "-o", "LogLevel=INFO", "-o", "PreferredAuthentications=password", "--", "true");

        assertThat(sixth.exitCode()).isEqualTo(255);
        assertThat(sixth.stderr()).containsIgnoringCase("too many");
    }

}
