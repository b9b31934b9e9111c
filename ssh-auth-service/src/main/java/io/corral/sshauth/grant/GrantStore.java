package io.corral.sshauth.grant;

import io.corral.sshauth.audit.AccessRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import java.util.function.Function;
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

    private static final String INSERT_GRANTS_AND_AUDIT = """
            with async_commit as (select set_config('synchronous_commit', 'off', true)),
            granted as (
                insert into ssh_grants (%s, created_at)
                select *, now() from unnest(?::uuid[], ?::text[], ?::bool[], ?::bool[], ?::bool[], ?::text[],
                    ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[])
                returning grant_id, user_id, process_guid, instance_guid, instance_index, client_address)
            insert into ssh_access_audit (at, username, user_id, user_name, client_address, process_guid,
                instance_guid, instance_index, outcome, grant_id)
            select a.at::timestamptz, a.username, g.user_id, a.user_name, g.client_address, g.process_guid,
                g.instance_guid, g.instance_index, a.outcome, g.grant_id
            from granted g
            join unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                as a (grant_id, at, username, user_name, outcome) using (grant_id)
            cross join async_commit""".formatted(COLUMNS);

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
     * Stores a new grant with its audit record and returns once both are committed,
     * without waiting for their WAL flush ({@code synchronous_commit off}): a login does
     * not pay a disk flush. A grant lost to a database crash fails closed: the proxy's
     * check finds it unknown and ends the session. Concurrent logins share one statement
     * (a group commit): the first to find no write under way writes every queued grant,
     * so the logins hold one pooled connection between them instead of one each; the
     * others wait for theirs to be written, without polling.
     */
    void insert(Grant grant, AccessRecord granted) {
        PendingGrant mine = new PendingGrant(grant, granted, new CompletableFuture<>());
        pending.add(mine);
        // Whoever leaves the lock looks at the queue again, so a grant queued while it
        // was held (its login having failed to take it) is always written by someone.
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
            jdbc.update(connection -> insertStatement(connection, batch));
            batch.forEach(p -> p.stored().complete(null));
        }
        catch (RuntimeException e) {
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    /**
     * One statement, so one round trip and one transaction of its own: the grants, their
     * audit records, and the commit's setting (a {@code set_config} local to the
     * statement's transaction, in effect when it commits).
     */
    private static PreparedStatement insertStatement(Connection connection, List<PendingGrant> batch)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(INSERT_GRANTS_AND_AUDIT);
        ArrayParameters parameters = new ArrayParameters(connection, statement, batch);
        parameters.add("uuid", p -> p.grant().grantId());
        parameters.add("text", p -> p.grant().userId());
        parameters.add("bool", p -> p.grant().admin());
        parameters.add("bool", p -> p.grant().operator());
        parameters.add("bool", p -> p.grant().delegated());
        parameters.add("text", p -> p.grant().processGuid());
        parameters.add("text", p -> p.grant().instanceGuid());
        parameters.add("int4", p -> p.grant().index());
        parameters.add("text", p -> p.grant().appGuid());
        parameters.add("text", p -> p.grant().spaceGuid());
        parameters.add("text", p -> p.grant().clientAddress());
        parameters.add("text", p -> PermissionColumn.write(p.grant().permissions()));
        parameters.add("bool", p -> p.grant().tainted());
        parameters.add("uuid", p -> p.grant().grantId());
        parameters.add("text", p -> p.granted().at().toString());
        parameters.add("text", p -> p.granted().username());
        parameters.add("text", p -> p.granted().userName());
        parameters.add("text", p -> p.granted().outcome());
        return statement;
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

    private record PendingGrant(Grant grant, AccessRecord granted, CompletableFuture<Void> stored) {
    }

    /** Binds one array per column, in order, from the batch's pending grants. */
    private static final class ArrayParameters {

        private final Connection connection;

        private final PreparedStatement statement;

        private final List<PendingGrant> batch;

        private int index;

        ArrayParameters(Connection connection, PreparedStatement statement, List<PendingGrant> batch) {
            this.connection = connection;
            this.statement = statement;
            this.batch = batch;
        }

        void add(String type, Function<PendingGrant, Object> column) throws SQLException {
            statement.setArray(++index, connection.createArrayOf(type, batch.stream().map(column).toArray()));
        }

    }

    private static Grant grant(ResultSet rs, int row) throws SQLException {
        return new Grant(rs.getObject("grant_id", UUID.class), rs.getString("user_id"), rs.getBoolean("admin"),
                rs.getBoolean("operator"), rs.getBoolean("delegated"), rs.getString("process_guid"),
                rs.getString("instance_guid"), rs.getInt("instance_index"), rs.getString("app_guid"),
                rs.getString("space_guid"), rs.getString("client_address"),
                PermissionColumn.read(rs.getString("permissions")), rs.getBoolean("tainted"));
    }

}
