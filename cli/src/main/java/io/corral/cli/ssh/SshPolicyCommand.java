package io.corral.cli.ssh;

import io.corral.cli.CliCommand;
import io.corral.cli.CliFailure;
import io.corral.cli.CommandGroup;
import io.corral.cli.ExitCodes;
import io.corral.cli.config.Service;
import io.corral.cli.http.ServiceClient;
import io.corral.cli.output.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code corral ssh-policy ...}: who may SSH into which app with which permissions
 * (ssh-auth-service's policy, {@code docs/ssh.md}).
 */
@Command(name = "ssh-policy",
        description = "SSH access policy: the platform's, spaces' and apps' switches and "
                + "permissions, space members, the audit.",
        subcommands = { SshPolicyCommand.Get.class, SshPolicyCommand.Set.class, SshPolicyCommand.Delete.class,
                SshPolicyCommand.Members.class, SshPolicyCommand.AddMember.class, SshPolicyCommand.RemoveMember.class,
                SshPolicyCommand.Audit.class })
public class SshPolicyCommand extends CommandGroup {

    static final String SCOPE = "ssh.admin";

    /** The permissions a level may narrow, as the API names them. */
    enum Permission {

        shell, exec, local_port_forwarding, remote_port_forwarding, file_read, file_write

    }

    /** Which level: the platform, a space or an app. */
    static final class Level {

        @Option(names = "--platform", required = true, description = "The platform's level.")
        private boolean platform;

        @Option(names = "--space", required = true, paramLabel = "SPACE_GUID", description = "A space's level.")
        private String spaceGuid;

        @Option(names = "--app", required = true, paramLabel = "APP_GUID", description = "An app's level.")
        private String appGuid;

        static String path(Level level) {
            if (level == null || level.platform) {
                return "/v1/ssh/policy/platform";
            }
            return level.spaceGuid != null ? "/v1/ssh/policy/spaces/" + ServiceClient.encode(level.spaceGuid)
                    : "/v1/ssh/policy/apps/" + ServiceClient.encode(level.appGuid);
        }

    }

    /** A level as the API shows it. */
    record LevelView(String scope, String guid, boolean configured, boolean enabled, Map<String, Boolean> permissions,
            Boolean replaceTainted, String updatedBy, String updatedAt) {
    }

    /** The body of a level's {@code PUT}. */
    record LevelRequest(boolean enabled, Map<String, Boolean> permissions, Boolean replaceTainted) {
    }

    record Member(String spaceGuid, String userId, String role, String addedBy, String addedAt) {
    }

    record AuditEntry(long id, String at, String actor, String action, String scope, String guid) {
    }

    record AuditPage(List<AuditEntry> entries, Long nextBeforeId) {
    }

    @Command(name = "get", description = "Show a level: the platform's (default), a space's or an app's.")
    static class Get extends CliCommand {

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        private Level level;

        @Override
        public Integer call() {
            JsonNode answer = client(Service.SSH_AUTH).get(Level.path(level), SCOPE);
            output().show(answer, () -> SshPolicyTables.level(ServiceClient.read(answer, LevelView.class)));
            return ExitCodes.OK;
        }

    }

    @Command(name = "set", description = { "Set a level: on or off, and the permissions it narrows.",
            "Permissions not named are not narrowed at this level." })
    static class Set extends CliCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Level level;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Switch enabled;

        @Option(names = "--allow", split = ",", paramLabel = "PERMISSION",
                description = "Let it through: ${COMPLETION-CANDIDATES}.")
        private List<Permission> allowed = new ArrayList<>();

        @Option(names = "--deny", split = ",", paramLabel = "PERMISSION", description = "Refuse it at this level.")
        private List<Permission> denied = new ArrayList<>();

        @Option(names = "--replace-tainted", arity = "0..1", paramLabel = "BOOLEAN",
                description = "A space only: replace instances a session tainted when the session ends.")
        private Boolean replaceTainted;

        static final class Switch {

            @Option(names = "--enable", required = true, description = "SSH on at this level.")
            private boolean enable;

            @Option(names = "--disable", required = true, description = "SSH off at this level.")
            private boolean disable;

        }

        @Override
        public Integer call() {
            Map<String, Boolean> permissions = new LinkedHashMap<>();
            allowed.forEach(permission -> permissions.put(permission.name(), true));
            denied.forEach(permission -> permissions.put(permission.name(), false));
            JsonNode answer = client(Service.SSH_AUTH).send("PUT", Level.path(level),
                    new LevelRequest(enabled.enable, permissions, replaceTainted), SCOPE);
            output().show(answer, () -> SshPolicyTables.level(ServiceClient.read(answer, LevelView.class)));
            return ExitCodes.OK;
        }

    }

    @Command(name = "delete", description = "Remove a space's or an app's settings: that level is open again.")
    static class Delete extends CliCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Level level;

        @Override
        public Integer call() {
            if (level.platform) {
                throw new CliFailure(ExitCodes.USAGE,
                        "the platform's level cannot be deleted; set it with: corral ssh-policy set --platform --enable");
            }
            client(Service.SSH_AUTH).send("DELETE", Level.path(level), null, SCOPE);
            Output output = output();
            if (!output.json()) {
                output.line("Deleted; the level is open again.");
            }
            return ExitCodes.OK;
        }

    }

    @Command(name = "members", description = "List a space's members (who may SSH into its apps).")
    static class Members extends CliCommand {

        @Parameters(paramLabel = "SPACE_GUID")
        private String spaceGuid;

        @Override
        public Integer call() {
            JsonNode answer = client(Service.SSH_AUTH).get(membersPath(spaceGuid), SCOPE);
            output().show(answer, () -> SshPolicyTables.members(List.of(ServiceClient.read(answer, Member[].class))),
                    "No members.");
            return ExitCodes.OK;
        }

    }

    @Command(name = "add-member", description = "Make a user (the token's user_id, else sub) a developer of a space.")
    static class AddMember extends CliCommand {

        @Parameters(index = "0", paramLabel = "SPACE_GUID")
        private String spaceGuid;

        @Parameters(index = "1", paramLabel = "USER_ID")
        private String userId;

        @Override
        public Integer call() {
            JsonNode answer = client(Service.SSH_AUTH).send("PUT",
                    membersPath(spaceGuid) + "/" + ServiceClient.encode(userId), Map.of("role", "developer"), SCOPE);
            output().show(answer, () -> SshPolicyTables.members(List.of(ServiceClient.read(answer, Member.class))), "");
            return ExitCodes.OK;
        }

    }

    @Command(name = "remove-member", description = "Remove a user from a space.")
    static class RemoveMember extends CliCommand {

        @Parameters(index = "0", paramLabel = "SPACE_GUID")
        private String spaceGuid;

        @Parameters(index = "1", paramLabel = "USER_ID")
        private String userId;

        @Override
        public Integer call() {
            client(Service.SSH_AUTH).send("DELETE", membersPath(spaceGuid) + "/" + ServiceClient.encode(userId), null,
                    SCOPE);
            Output output = output();
            if (!output.json()) {
                output.line("Removed " + userId + " from " + spaceGuid + ".");
            }
            return ExitCodes.OK;
        }

    }

    @Command(name = "audit", description = "Show the changes of the policy and of members, newest first.")
    static class Audit extends CliCommand {

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (1 to 1000, default 100).")
        private int limit;

        @Option(names = "--before-id", paramLabel = "ID", description = "Only entries older than this one.")
        private Long beforeId;

        @Override
        public Integer call() {
            JsonNode answer = client(Service.SSH_AUTH)
                .get("/v1/ssh/policy/audit?limit=" + limit + (beforeId == null ? "" : "&before_id=" + beforeId), SCOPE);
            AuditPage page = ServiceClient.read(answer, AuditPage.class);
            output().show(answer, () -> SshPolicyTables.audit(page.entries()), "No changes.");
            if (!output().json() && page.nextBeforeId() != null) {
                err().println("Older entries: corral ssh-policy audit --before-id " + page.nextBeforeId());
            }
            return ExitCodes.OK;
        }

    }

    private static String membersPath(String spaceGuid) {
        return "/v1/ssh/spaces/" + ServiceClient.encode(spaceGuid) + "/members";
    }

}
