package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ssh-policy against a real ssh-auth-service. */
@ExtendWith(WithControlPlane.class)
class SshPolicyCommandTest {

    private final CliRunner corral = WithControlPlane.cli();

    @Test
    void aSpaceLevelIsSetShownAndDeleted() {
        CliRunner.Result set = corral.run("ssh-policy", "set", "--space", "cli-space-p", "--enable", "--deny",
                "file_write,remote_port_forwarding", "--replace-tainted");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.out()).contains("level:           space cli-space-p\n", "enabled:         yes\n",
                "denies:          remote_port_forwarding file_write\n", "replace_tainted: yes\n");

        CliRunner.Result got = corral.run("ssh-policy", "get", "--space", "cli-space-p", "--json");
        assertThat(got.json().path("configured").asBoolean()).isTrue();
        assertThat(got.json().path("permissions").path("file_write").asBoolean()).isFalse();
        assertThat(got.json().path("permissions").path("shell").asBoolean()).isTrue();

        CliRunner.Result deleted = corral.run("ssh-policy", "delete", "--space", "cli-space-p");
        assertThat(deleted.exitCode()).isZero();
        assertThat(corral.run("ssh-policy", "get", "--space", "cli-space-p").out())
            .contains("level:           space cli-space-p (not configured: open)");

        CliRunner.Result audit = corral.run("ssh-policy", "audit");
        assertThat(audit.out()).containsPattern("create +space +cli-space-p")
            .containsPattern("delete +space +cli-space-p");
    }

    @Test
    void thePlatformLevelIsShownByDefaultAndCannotBeDeleted() {
        CliRunner.Result platform = corral.run("ssh-policy", "get");
        assertThat(platform.exitCode()).as(platform.toString()).isZero();
        assertThat(platform.out()).startsWith("level:           platform");

        CliRunner.Result refused = corral.run("ssh-policy", "delete", "--platform");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("set it with: corral ssh-policy set --platform --enable");
    }

    @Test
    void membersAreAddedListedAndRemoved() {
        assertThat(corral.run("ssh-policy", "add-member", "cli-space-m", "alice").exitCode()).isZero();

        CliRunner.Result members = corral.run("ssh-policy", "members", "cli-space-m");
        assertThat(members.out()).containsPattern("cli-space-m +alice +developer +test-user");

        CliRunner.Result removed = corral.run("ssh-policy", "remove-member", "cli-space-m", "alice");
        assertThat(removed.out()).isEqualTo("Removed alice from cli-space-m.\n");
        assertThat(corral.run("ssh-policy", "members", "cli-space-m").out()).isEqualTo("No members.\n");
    }

    @Test
    void setNeedsALevelAndASwitch() {
        CliRunner.Result noSwitch = corral.run("ssh-policy", "set", "--app", "app-1");
        assertThat(noSwitch.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noSwitch.err()).contains("--enable").contains("--disable");
    }

}
