package io.corral.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corral.cli.CliEnvironment;
import io.corral.cli.CliFailure;
import io.corral.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {

    private static final ConnectionFlags NO_FLAGS = new ConnectionFlags(Map.of(), null, null, null, null);

    @TempDir
    Path dir;

    @Test
    void withNothingSetItIsTheEmbeddedLauncherLayout() throws IOException {
        Path checkout = Files.createDirectories(dir.resolve("checkout/.corral"));
        Files.writeString(checkout.resolve("dev-token"), "dev.token.value\n");
        Path below = Files.createDirectories(dir.resolve("checkout/cli/src"));

        Settings settings = SettingsResolver.resolve(NO_FLAGS, env(Map.of(), below));

        assertThat(settings.url(Service.RECEPTOR).uri()).hasToString("http://localhost:8888");
        assertThat(settings.url(Service.PLACEMENT).uri()).hasToString("http://localhost:8889");
        assertThat(settings.url(Service.ROUTES).uri()).hasToString("http://localhost:8890");
        assertThat(settings.url(Service.SSH_AUTH).uri()).hasToString("http://localhost:8891");
        assertThat(settings.url(Service.SSH_AUTH).origin()).isEqualTo("the embedded launcher's default");
        assertThat(settings.sshEndpoint())
            .isEqualTo(new SshEndpoint("localhost", 2222, "the embedded launcher's default"));
        assertThat(settings.token().value()).isEqualTo("dev.token.value");
        assertThat(settings.token().developmentToken()).isTrue();
        assertThat(settings.token().origin()).startsWith(checkout.resolve("dev-token").toString());
    }

    @Test
    void theLaunchersPortVariablesMoveTheDefaults() {
        Settings settings = SettingsResolver.resolve(NO_FLAGS, env(Map.of("PLACEMENT_PORT", "9889"), dir));
        assertThat(settings.url(Service.PLACEMENT).uri()).hasToString("http://localhost:9889");
        assertThat(settings.url(Service.PLACEMENT).origin()).isEqualTo("PLACEMENT_PORT (the launcher's port)");
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("corral.properties"), """
                receptor.url=http://from-file:1
                placement.url=http://from-file:2
                routes.url=http://from-file:3
                ssh.endpoint=ssh.example.com
                token=file-token
                """);
        Map<String, String> variables = Map.of("CORRAL_CONFIG", config.toString(), "CORRAL_RECEPTOR_URL",
                "http://from-env:1", "CORRAL_PLACEMENT_URL", "http://from-env:2", "CORRAL_TOKEN", "env-token");
        ConnectionFlags flags = new ConnectionFlags(Map.of(Service.RECEPTOR, "https://from-flag:1"), null, null, null,
                null);

        Settings settings = SettingsResolver.resolve(flags, env(variables, dir));

        assertThat(settings.url(Service.RECEPTOR).uri()).hasToString("https://from-flag:1");
        assertThat(settings.url(Service.RECEPTOR).origin()).isEqualTo("--receptor-url");
        assertThat(settings.url(Service.PLACEMENT).uri()).hasToString("http://from-env:2");
        assertThat(settings.url(Service.ROUTES).uri()).hasToString("http://from-file:3");
        assertThat(settings.url(Service.ROUTES).origin()).isEqualTo("routes.url in " + config);
        assertThat(settings.sshEndpoint().host()).isEqualTo("ssh.example.com");
        assertThat(settings.sshEndpoint().port()).isEqualTo(2222);
        assertThat(settings.token().value()).isEqualTo("env-token");
    }

    @Test
    void theConfigFileInTheHomeIsReadWhenNothingNamesOne() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home/.corral"));
        Path tokenFile = Files.writeString(home.resolve("uaa-token"), "bearer file.token\n");
        Files.writeString(home.resolve("config.properties"), "token-file=uaa-token\nssh.endpoint=[::1]:2022\n");

        Settings settings = SettingsResolver.resolve(NO_FLAGS,
                new CliEnvironment(Map.of(), dir, dir.resolve("home"), Clock.systemUTC(), (c, e) -> 0));

        assertThat(settings.token().value()).isEqualTo("file.token");
        assertThat(settings.token().origin()).startsWith(tokenFile.toString());
        assertThat(settings.sshEndpoint().host()).isEqualTo("::1");
        assertThat(settings.sshEndpoint().port()).isEqualTo(2022);
    }

    @Test
    void anUnknownSettingInTheConfigFileIsRefused() throws IOException {
        Path config = Files.writeString(dir.resolve("corral.properties"), "receptor-url=http://x:1\n");
        ConnectionFlags flags = new ConnectionFlags(Map.of(), null, null, null, config);

        assertThatThrownBy(() -> SettingsResolver.resolve(flags, env(Map.of(), dir))).isInstanceOf(CliFailure.class)
            .hasMessageContaining("unknown setting receptor-url")
            .hasMessageContaining("receptor.url")
            .satisfies(e -> assertThat(((CliFailure) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void aConfigFileNamedButMissingIsRefused() {
        assertThatThrownBy(() -> SettingsResolver.resolve(NO_FLAGS,
                env(Map.of("CORRAL_CONFIG", dir.resolve("none.properties").toString()), dir)))
            .hasMessageContaining("(named by CORRAL_CONFIG) does not exist");
    }

    @Test
    void badUrlsAndEndpointsAreRefusedNamingTheirSetting() {
        assertThatThrownBy(
                () -> SettingsResolver.resolve(NO_FLAGS, env(Map.of("CORRAL_ROUTES_URL", "ftp://routes"), dir)))
            .hasMessage("CORRAL_ROUTES_URL: 'ftp://routes' is not a URL of the route emitter "
                    + "(http://host:port or https://host:port)");
        assertThatThrownBy(
                () -> SettingsResolver.resolve(NO_FLAGS, env(Map.of("CORRAL_SSH_ENDPOINT", "host:ssh"), dir)))
            .hasMessageContaining("CORRAL_SSH_ENDPOINT: 'host:ssh' is not an SSH endpoint");
    }

    @Test
    void noTokenIsAFailureOnlyWhenOneIsNeeded() {
        Settings settings = SettingsResolver.resolve(NO_FLAGS, env(Map.of(), dir));
        assertThat(settings.tokenOrNull()).isNull();
        assertThatThrownBy(settings::token).isInstanceOf(CliFailure.class)
            .hasMessageStartingWith("no token:")
            .satisfies(e -> assertThat(((CliFailure) e).exitCode()).isEqualTo(ExitCodes.AUTH));
    }

    private CliEnvironment env(Map<String, String> variables, Path workingDirectory) {
        return new CliEnvironment(variables, workingDirectory, dir.resolve("empty-home"), Clock.systemUTC(),
                (command, environment) -> 0);
    }

}
