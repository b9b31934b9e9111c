package io.corral.sshauth.policy;

import io.corral.sshauth.access.Permissions;
import io.corral.sshauth.access.SshSwitch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The policy tables. */
@Component
class PolicyStore {

    private final JdbcClient db;

    PolicyStore(JdbcClient db) {
        this.db = db;
    }

    long version() {
        return db.sql("select coalesce(max(id), 0) from ssh_policy_audit").query(Long.class).single();
    }

    /** Everything, read in one transaction by the caller. */
    PolicyBook load() {
        long version = version();
        SshSwitch platform = SshSwitch.OPEN;
        Map<String, StoredLevel> spaces = new HashMap<>();
        Map<String, StoredLevel> apps = new HashMap<>();
        for (StoredLevel level : db.sql("select * from ssh_policies").query(PolicyStore::level).list()) {
            switch (level.level()) {
                case PLATFORM -> platform = level.sshSwitch();
                case SPACE -> spaces.put(level.guid(), level);
                case APP -> apps.put(level.guid(), level);
            }
        }
        Map<String, Set<String>> developers = new HashMap<>();
        db.sql("select space_guid, user_id from ssh_space_members").query(rs -> {
            developers.computeIfAbsent(rs.getString(1), s -> new HashSet<>()).add(rs.getString(2));
        });
        Map<String, Set<String>> frozen = new HashMap<>();
        developers.forEach((space, users) -> frozen.put(space, Set.copyOf(users)));
        return new PolicyBook(version, platform, Map.copyOf(spaces), Map.copyOf(apps), Map.copyOf(frozen));
    }

    Optional<StoredLevel> find(Level level, String guid) {
        return db.sql("select * from ssh_policies where scope = ? and guid = ? for update")
            .params(level.column(), guid)
            .query(PolicyStore::level)
            .optional();
    }

    void put(StoredLevel level) {
        Permissions p = level.permissions();
        db.sql("""
                insert into ssh_policies (scope, guid, enabled, shell, exec, local_port_forwarding,
                    remote_port_forwarding, file_read, file_write, replace_tainted, updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (scope, guid) do update set enabled = excluded.enabled, shell = excluded.shell,
                    exec = excluded.exec, local_port_forwarding = excluded.local_port_forwarding,
                    remote_port_forwarding = excluded.remote_port_forwarding, file_read = excluded.file_read,
                    file_write = excluded.file_write, replace_tainted = excluded.replace_tainted,
                    updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
            .params(level.level().column(), level.guid(), level.enabled(), p.shell(), p.exec(), p.localPortForwarding(),
                    p.remotePortForwarding(), p.fileRead(), p.fileWrite(), level.replaceTainted(), level.updatedBy(),
                    Timestamp.from(level.updatedAt()))
            .update();
    }

    void delete(Level level, String guid) {
        db.sql("delete from ssh_policies where scope = ? and guid = ?").params(level.column(), guid).update();
    }

    List<Member> members(String spaceGuid) {
        return db.sql("select * from ssh_space_members where space_guid = ? order by user_id")
            .param(spaceGuid)
            .query((rs, n) -> new Member(rs.getString("space_guid"), rs.getString("user_id"), rs.getString("role"),
                    rs.getString("added_by"), rs.getTimestamp("added_at").toInstant()))
            .list();
    }

    /** Whether the member was added (false: already one). */
    boolean addMember(Member member) {
        return db.sql("""
                insert into ssh_space_members (space_guid, user_id, role, added_by, added_at)
                values (?, ?, ?, ?, ?) on conflict do nothing""")
            .params(member.spaceGuid(), member.userId(), member.role(), member.addedBy(),
                    Timestamp.from(member.addedAt()))
            .update() == 1;
    }

    boolean removeMember(String spaceGuid, String userId) {
        return db.sql("delete from ssh_space_members where space_guid = ? and user_id = ?")
            .params(spaceGuid, userId)
            .update() == 1;
    }

    void audit(String actor, String action, Level level, String guid, String before, String after) {
        db.sql("""
                insert into ssh_policy_audit (at, actor, action, scope, guid, before, after)
                values (now(), ?, ?, ?, ?, ?, ?)""")
            .params(actor, action, level.column(), guid, before, after)
            .update();
    }

    List<PolicyAuditEntry> auditPage(Long beforeId, int limit) {
        return db.sql("""
                select * from ssh_policy_audit where id < ? order by id desc limit ?""")
            .params(beforeId == null ? Long.MAX_VALUE : beforeId, limit)
            .query((rs, n) -> new PolicyAuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                    rs.getString("actor"), rs.getString("action"), rs.getString("scope"), rs.getString("guid"),
                    rs.getString("before"), rs.getString("after")))
            .list();
    }

    private static StoredLevel level(ResultSet rs, int row) throws SQLException {
        Permissions permissions = new Permissions(rs.getBoolean("shell"), rs.getBoolean("exec"),
                rs.getBoolean("local_port_forwarding"), rs.getBoolean("remote_port_forwarding"),
                rs.getBoolean("file_read"), rs.getBoolean("file_write"));
        Instant at = rs.getTimestamp("updated_at").toInstant();
        return new StoredLevel(Level.ofColumn(rs.getString("scope")), rs.getString("guid"), rs.getBoolean("enabled"),
                permissions, rs.getBoolean("replace_tainted"), rs.getString("updated_by"), at);
    }

}
