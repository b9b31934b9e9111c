package io.corral.sshauth.grant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The grants table. */
@Component
class GrantStore {

    private static final String COLUMNS = """
            grant_id, user_id, admin, operator, delegated, process_guid, instance_guid, instance_index, app_guid,
            space_guid, client_address, permissions, tainted""";

    private static final int BATCH = 500;

    /**
     * Turns off the WAL flush wait for the statement's own transaction: an auto-commit
     * batch is one implicit transaction, one round trip.
     */
    private static final String ASYNC_COMMIT = "(select set_config('synchronous_commit', 'off', true)) async_commit";

    private final JdbcClient db;

    private final JdbcTemplate jdbc;

    /** Grants waiting for the next group commit. */
    private final ConcurrentLinkedQueue<PendingGrant> pending = new ConcurrentLinkedQueue<>();

    /** Held by the login that writes the queued grants for everyone. */
    private final ReentrantLock writing = new ReentrantLock();

    GrantStore(JdbcClient db, JdbcTemplate jdbc) {
        this.db = db;
        this.jdbc = jdbc;
    }

    /**
     * Stores a new grant and returns once it is committed, without waiting for its WAL
     * flush ({@code synchronous_commit off}): a login does not pay a disk flush. A grant
     * lost to a database crash fails closed: the proxy's check finds it unknown and ends
     * the session. Concurrent logins share one transaction (a group commit): the first to
     * find no write under way writes every queued grant, so the logins hold one pooled
     * connection between them instead of one each; the others wait for theirs to be
     * written, without polling.
     */
    void insert(Grant grant) {
        PendingGrant mine = new PendingGrant(grant, new CompletableFuture<>());
        pending.add(mine);
        // Whoever leaves the lock looks at the queue again, so a grant queued while the
        // lock was held (its login having failed to take it) is always written by
        // someone.
        while (!pending.isEmpty() && writing.tryLock()) {
            try {
                writeQueued();
            }
            finally {
                writing.unlock();
            }
        }
        try {
            mine.stored().join();
        }
        catch (CompletionException e) {
            throw (e.getCause() instanceof RuntimeException failure) ? failure : e;
        }
    }

    private void writeQueued() {
        List<PendingGrant> batch = new ArrayList<>();
        for (PendingGrant next = pending.poll(); next != null; next = pending.poll()) {
            batch.add(next);
            if (batch.size() == BATCH || pending.isEmpty()) {
                write(batch);
                batch = new ArrayList<>();
            }
        }
    }

    private void write(List<PendingGrant> batch) {
        try {
            insertRows(batch.stream().map(PendingGrant::grant).toList());
            batch.forEach(p -> p.stored().complete(null));
        }
        catch (RuntimeException e) {
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    private void insertRows(List<Grant> grants) {
        jdbc.batchUpdate(
                "insert into ssh_grants (" + COLUMNS + ", created_at)"
                        + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() from " + ASYNC_COMMIT,
                grants, grants.size(), (ps, grant) -> {
                    ps.setObject(1, grant.grantId());
                    ps.setString(2, grant.userId());
                    ps.setBoolean(3, grant.admin());
                    ps.setBoolean(4, grant.operator());
                    ps.setBoolean(5, grant.delegated());
                    ps.setString(6, grant.processGuid());
                    ps.setString(7, grant.instanceGuid());
                    ps.setInt(8, grant.index());
                    ps.setString(9, grant.appGuid());
                    ps.setString(10, grant.spaceGuid());
                    ps.setString(11, grant.clientAddress());
                    ps.setString(12, PermissionColumn.write(grant.permissions()));
                    ps.setBoolean(13, grant.tainted());
                });
    }

    Optional<Grant> find(UUID grantId) {
        return db.sql("select " + COLUMNS + " from ssh_grants where grant_id = ?")
            .param(grantId)
            .query(GrantStore::grant)
            .optional();
    }

    /** The grants of {@code ids} with whether each is live and why not. */
    List<GrantStatus> statuses(Collection<UUID> ids) {
        return db.sql("""
                select grant_id, ended_at is null as live, revoked_reason, permissions
                from ssh_grants where grant_id = any(?)""")
            .param(ids.toArray(UUID[]::new))
            .query((rs, n) -> new GrantStatus(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getString(3),
                    PermissionColumn.read(rs.getString(4))))
            .list();
    }

    /** Marks the grant tainted; false when it was already or does not exist. */
    boolean taint(UUID grantId) {
        return db.sql("update ssh_grants set tainted = true where grant_id = ? and not tainted")
            .param(grantId)
            .update() == 1;
    }

    /** Ends a live grant; false when it was not live. */
    boolean end(UUID grantId, String revokedReason) {
        return db
            .sql("update ssh_grants set ended_at = now(), revoked_reason = ? where grant_id = ? and ended_at is null")
            .params(revokedReason, grantId)
            .update() == 1;
    }

    void changePermissions(UUID grantId, String permissions) {
        db.sql("update ssh_grants set permissions = ? where grant_id = ? and ended_at is null")
            .params(permissions, grantId)
            .update();
    }

    List<Grant> liveOfInstance(String processGuid, String instanceGuid) {
        return db
            .sql("select " + COLUMNS
                    + " from ssh_grants where ended_at is null and process_guid = ? and instance_guid = ?")
            .params(processGuid, instanceGuid)
            .query(GrantStore::grant)
            .list();
    }

    /** Live grants decided by the policy (neither operator nor delegated). */
    List<Grant> livePolicyGrants() {
        return db
            .sql("select " + COLUMNS + " from ssh_grants where ended_at is null and not operator and not delegated")
            .query(GrantStore::grant)
            .list();
    }

    List<Grant> live() {
        return db.sql("select " + COLUMNS + " from ssh_grants where ended_at is null").query(GrantStore::grant).list();
    }

    private record PendingGrant(Grant grant, CompletableFuture<Void> stored) {
    }

    private static Grant grant(ResultSet rs, int row) throws SQLException {
        return new Grant(rs.getObject("grant_id", UUID.class), rs.getString("user_id"), rs.getBoolean("admin"),
                rs.getBoolean("operator"), rs.getBoolean("delegated"), rs.getString("process_guid"),
                rs.getString("instance_guid"), rs.getInt("instance_index"), rs.getString("app_guid"),
                rs.getString("space_guid"), rs.getString("client_address"),
                PermissionColumn.read(rs.getString("permissions")), rs.getBoolean("tainted"));
    }

}
