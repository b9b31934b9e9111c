package io.corral.cli.ssh;

import io.corral.cli.output.Formats;
import io.corral.cli.output.Table;
import io.corral.cli.ssh.SshPolicyCommand.AuditEntry;
import io.corral.cli.ssh.SshPolicyCommand.LevelView;
import io.corral.cli.ssh.SshPolicyCommand.Member;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** ssh-auth-service's policy as lines and tables. */
final class SshPolicyTables {

    private SshPolicyTables() {
    }

    static String level(LevelView level) {
        Map<Boolean, List<String>> permissions = level.permissions()
            .entrySet()
            .stream()
            .collect(Collectors.partitioningBy(Map.Entry::getValue,
                    Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        return "level:           " + level.scope() + (level.guid() == null ? "" : " " + level.guid())
                + (level.configured() ? "" : " (not configured: open)") + "\n" + "enabled:         "
                + (level.enabled() ? "yes" : "no") + "\n" + "allows:          " + dash(permissions.get(true)) + "\n"
                + "denies:          " + dash(permissions.get(false)) + "\n"
                + (level.replaceTainted() == null ? ""
                        : "replace_tainted: " + (level.replaceTainted() ? "yes" : "no") + "\n")
                + (level.updatedAt() == null ? ""
                        : "updated:         " + Formats.time(level.updatedAt()) + " by " + level.updatedBy() + "\n");
    }

    static Table members(List<Member> members) {
        Table table = Table.of("SPACE_GUID", "USER_ID", "ROLE", "ADDED_BY", "ADDED_AT");
        for (Member member : members) {
            table.row(member.spaceGuid(), member.userId(), member.role(), member.addedBy(),
                    Formats.time(member.addedAt()));
        }
        return table;
    }

    static Table audit(List<AuditEntry> entries) {
        Table table = Table.of("ID", "AT", "ACTOR", "ACTION", "LEVEL", "GUID");
        for (AuditEntry entry : entries) {
            table.row(entry.id(), Formats.time(entry.at()), entry.actor(), entry.action(), entry.scope(), entry.guid());
        }
        return table;
    }

    private static String dash(List<String> values) {
        return values == null || values.isEmpty() ? "-" : String.join(" ", values);
    }

}
