package io.corral.sshauth.grant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The grants table. */
@Component
class GrantStore {

    private static final String COLUMNS = """
            grant_id, user_id, admin, operator, delegated, process_guid, instance_guid, instance_index, app_guid,
            space_guid, client_address, permissions, tainted""";

    private final JdbcClient db;

    private final TransactionTemplate transactions;

    GrantStore(JdbcClient db, TransactionTemplate transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /**
     * Stores a new grant without waiting for its WAL flush ({@code synchronous_commit
     * off}): a login does not pay a disk flush. A grant lost to a database crash fails
     * closed: the proxy's check finds it unknown and ends the session.
     */
    void insert(Grant grant) {
        transactions.executeWithoutResult(status -> {
            db.sql("set local synchronous_commit to off").update();
            insertRow(grant);
        });
    }

    private void insertRow(Grant grant) {
        db.sql("insert into ssh_grants (" + COLUMNS
                + ", created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())")
            .params(grant.grantId(), grant.userId(), grant.admin(), grant.operator(), grant.delegated(),
                    grant.processGuid(), grant.instanceGuid(), grant.index(), grant.appGuid(), grant.spaceGuid(),
                    grant.clientAddress(), PermissionColumn.write(grant.permissions()), grant.tainted())
            .update();
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

    private static Grant grant(ResultSet rs, int row) throws SQLException {
        return new Grant(rs.getObject("grant_id", UUID.class), rs.getString("user_id"), rs.getBoolean("admin"),
                rs.getBoolean("operator"), rs.getBoolean("delegated"), rs.getString("process_guid"),
                rs.getString("instance_guid"), rs.getInt("instance_index"), rs.getString("app_guid"),
                rs.getString("space_guid"), rs.getString("client_address"),
                PermissionColumn.read(rs.getString("permissions")), rs.getBoolean("tainted"));
    }

}
