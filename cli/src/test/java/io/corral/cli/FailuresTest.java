package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.testsupport.TemporaryDirectories;
import io.corral.testsupport.TestTokens;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exit codes scripts rely on, and messages that say what to do, against the real
 * services: tokens refused, scopes missing, URLs wrong or unreachable, bad arguments.
 */
@ExtendWith(WithControlPlane.class)
class FailuresTest {

    private final ControlPlane platform = WithControlPlane.controlPlane();

    private final CliRunner corral = WithControlPlane.cli();

    @Test
    void aTokenThatIsNoJwtIsRefusedWithTheAuthCode() {
        CliRunner.Result refused = corral.run("cells", "--token", "garbage");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(refused.err()).startsWith("corral: the receptor at " + platform.receptorService.uri())
            .contains("refused the token", "(401 Unauthorized)", "The token (from --token) is not a JWT.");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void anExpiredDevelopmentTokenSaysToRestartTheLauncher() {
        CliRunner expired = CliRunner.inCheckoutWithToken(platform.variables(), TestTokens.expired(),
                (command, environment) -> 0);
        CliRunner.Result refused = expired.run("lrps");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(refused.err()).contains("(401 Unauthorized)")
            .containsPattern(
                    "The token \\(from .*/\\.corral/dev-token \\(the embedded launcher's development token\\)\\)"
                            + " expired at \\S+Z\\.")
            .contains("writes a new development token to .corral/dev-token every time it starts (restart it)");
    }

    @Test
    void anExpiredTokenFromTheEnvironmentSaysToGetANewOne() {
        CliRunner.Result refused = corral.with("CORRAL_TOKEN", TestTokens.expired()).run("tasks");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(refused.err()).contains("The token (from CORRAL_TOKEN) expired at")
            .contains("pass it with --token or CORRAL_TOKEN");
    }

    @Test
    void aMissingScopeIsNamedWithTheScopesTheTokenHas() {
        CliRunner.Result refused = corral.with("CORRAL_TOKEN", TestTokens.withScopes("receptor.read"))
            .run("constraints", "list");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(refused.err()).contains("refused GET /v1/placement_constraints", "(403 Forbidden)",
                "This needs the scope placement.admin; the token (from CORRAL_TOKEN) has: receptor.read.");
    }

    @Test
    void anUnreachableServiceNamesItsUrlAndHowToSetIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        CliRunner.Result fromFlag = corral.run("--placement-url", url, "rollouts");
        assertThat(fromFlag.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(fromFlag.err())
            .startsWith("corral: cannot reach the placement service at " + url + " (connection refused)\n")
            .contains("The URL comes from --placement-url; set another with --placement-url, CORRAL_PLACEMENT_URL"
                    + " or placement.url in the config file.")
            .contains("java -jar corral-standalone/target/corral.jar");

        CliRunner.Result fromDefault = corral.with("CORRAL_RECEPTOR_URL", null)
            .with("RECEPTOR_PORT", String.valueOf(closedPort))
            .run("cells");
        assertThat(fromDefault.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(fromDefault.err()).contains("cannot reach the receptor at http://localhost:" + closedPort)
            .contains("The URL comes from RECEPTOR_PORT (the launcher's port)");
    }

    @Test
    void aUrlOfAnotherServiceIsCalledOut() {
        CliRunner.Result wrong = corral.with("CORRAL_RECEPTOR_URL", platform.placement.uri().toString()).run("cells");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(wrong.err()).contains(platform.placement.uri() + " answered GET /v1/cells with 404")
            .contains("it does not look like the receptor")
            .contains("The URL comes from CORRAL_RECEPTOR_URL");
    }

    @Test
    void noTokenAnywhereSaysWhereOneComesFrom() throws Exception {
        Path nowhere = TemporaryDirectories.create("corral-cli-no-token");
        CliRunner.Result refused = corral.in(nowhere).run("cells");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(refused.err()).startsWith("corral: no token: pass --token or --token-file, set CORRAL_TOKEN")
            .contains("writes a development token to .corral/dev-token");
        Files.delete(nowhere);
    }

    @Test
    void wrongArgumentsExitWithTheUsageCode() {
        CliRunner.Result unknownCommand = corral.run("cellz");
        assertThat(unknownCommand.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownCommand.err()).contains("Unmatched argument").contains("See 'corral --help'.");

        CliRunner.Result badState = corral.run("actuals", "--state", "SLEEPING");
        assertThat(badState.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badState.err()).contains("SLEEPING").contains("See 'corral actuals --help'.");

        CliRunner.Result badUrl = corral.run("cells", "--receptor-url", "localhost:8888");
        assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badUrl.err()).contains("--receptor-url: 'localhost:8888' is not a URL of the receptor");

        assertThat(corral.run().exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        CliRunner.Result help = corral.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("cells", "actuals", "constraints", "ssh-policy", "completion")
            .contains("Exit codes:", "4   unreachable");
    }

}
