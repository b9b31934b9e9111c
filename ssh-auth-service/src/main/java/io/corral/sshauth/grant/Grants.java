package io.corral.sshauth.grant;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.sshauth.access.AccessDecision;
import io.corral.sshauth.access.AccessRules;
import io.corral.sshauth.access.AppOnRecord;
import io.corral.sshauth.access.Caller;
import io.corral.sshauth.access.InstanceState;
import io.corral.sshauth.access.Permissions;
import io.corral.sshauth.access.PolicyView;
import io.corral.sshauth.access.RefusalReason;
import io.corral.sshauth.audit.AccessAudit;
import io.corral.sshauth.audit.AccessRecord;
import io.corral.sshauth.policy.Level;
import io.corral.sshauth.policy.PolicyChanged;
import io.corral.sshauth.policy.SshPolicy;
import io.corral.sshauth.instance.InstanceChanged;
import io.corral.sshauth.instance.InstanceDirectory;
import io.corral.sshauth.instance.ReceptorResynced;
import io.corral.sshauth.instance.Resolution;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live grants: opened by a granted login, tainted and ended by the proxy, decided again
 * when the policy, a membership or the instance changes, with the outcome published to
 * the proxies ({@link GrantEvents}).
 */
@Service
public class Grants {

    private static final Logger log = LoggerFactory.getLogger(Grants.class);

    private final GrantStore store;

    private final GrantEvents events;

    private final SshPolicy policy;

    private final InstanceDirectory directory;

    private final ReceptorClient receptor;

    private final TransactionTemplate transactions;

    private final AccessAudit audit;

    Grants(GrantStore store, GrantEvents events, SshPolicy policy, InstanceDirectory directory, ReceptorClient receptor,
            TransactionTemplate transactions, AccessAudit audit) {
        this.store = store;
        this.events = events;
        this.policy = policy;
        this.directory = directory;
        this.receptor = receptor;
        this.transactions = transactions;
        this.audit = audit;
    }

    public void open(Grant grant) {
        store.insert(grant);
    }

    /**
     * The proxy saw a shell or a file written: the instance no longer is what was pushed.
     */
    void taint(UUID grantId, String reason) {
        Grant grant = store.find(grantId).orElseThrow(() -> notFound(grantId));
        if (store.taint(grantId)) {
            audit.record(record(grant, "tainted:" + reason));
            markInstanceTainted(grant);
        }
    }

    /**
     * The session ended. A tainted instance of a space that asks for it is replaced: the
     * receptor stops it and convergence starts a fresh one.
     */
    void end(UUID grantId) {
        Grant grant = store.find(grantId).orElseThrow(() -> notFound(grantId));
        if (store.end(grantId, null) && grant.tainted() && grant.spaceGuid() != null
                && policy.current().replaceTainted(grant.spaceGuid())) {
            replace(grant);
        }
    }

    List<GrantStatus> check(Collection<UUID> grantIds) {
        Map<UUID, GrantStatus> found = new HashMap<>();
        store.statuses(grantIds).forEach(status -> found.put(status.grantId(), status));
        return grantIds.stream()
            .distinct()
            .map(id -> found.getOrDefault(id, new GrantStatus(id, false, "unknown_grant", null)))
            .map(status -> status.live() ? status
                    : new GrantStatus(status.grantId(), false, Objects.requireNonNullElse(status.reason(), "ended"),
                            null))
            .toList();
    }

    @EventListener
    void policyChanged(PolicyChanged change) {
        events.append("policy_changed", new PolicyChangeEvent(change.level().name().toLowerCase(java.util.Locale.ROOT),
                change.level() == Level.PLATFORM ? null : change.guid()));
        PolicyView current = policy.current();
        for (Grant grant : store.livePolicyGrants()) {
            if (affects(change, grant)) {
                redecide(grant, current);
            }
        }
    }

    @EventListener
    void instanceChanged(InstanceChanged change) {
        if (!change.running()) {
            store.liveOfInstance(change.processGuid(), change.instanceGuid())
                .forEach(grant -> revoke(grant, RefusalReason.INSTANCE_NOT_RUNNING));
        }
    }

    /** Events were missed: every live grant's instance is looked up again. */
    @EventListener
    void receptorResynced(ReceptorResynced resync) {
        for (Grant grant : store.live()) {
            try {
                Resolution now = directory.resolveProcess(grant.processGuid(), grant.index());
                if (now.target() == null || !now.target().instanceGuid().equals(grant.instanceGuid())) {
                    revoke(grant, RefusalReason.INSTANCE_NOT_RUNNING);
                }
            }
            catch (ApiException e) {
                log.warn("could not re-check grant {} after a receptor resync: {}", grant.grantId(), e.getMessage());
                return;
            }
        }
    }

    private static boolean affects(PolicyChanged change, Grant grant) {
        return switch (change.level()) {
            case PLATFORM -> true;
            case SPACE -> change.guid().equals(grant.spaceGuid());
            case APP -> change.guid().equals(grant.appGuid());
        };
    }

    private void redecide(Grant grant, PolicyView current) {
        AccessDecision decision = AccessRules.decide(new Caller(grant.userId(), null, grant.admin()),
                new AppOnRecord(grant.appGuid(), grant.spaceGuid(), InstanceState.RUNNING), current);
        if (decision instanceof AccessDecision.Refused refused) {
            revoke(grant, refused.reason());
        }
        else if (decision instanceof AccessDecision.Granted granted
                && !granted.permissions().equals(grant.permissions())) {
            transactions.executeWithoutResult(status -> {
                store.changePermissions(grant.grantId(), PermissionColumn.write(granted.permissions()));
                events.append("grant_changed", new GrantChangedEvent(grant.grantId(), granted.permissions()));
            });
        }
    }

    private void revoke(Grant grant, RefusalReason reason) {
        Boolean revoked = transactions.execute(status -> {
            boolean ended = store.end(grant.grantId(), reason.wireName());
            if (ended) {
                events.append("grant_revoked", new GrantRevokedEvent(grant.grantId(), reason.wireName()));
            }
            return ended;
        });
        if (Boolean.TRUE.equals(revoked)) {
            audit.record(record(grant, "revoked:" + reason.wireName()));
        }
    }

    private void markInstanceTainted(Grant grant) {
        try {
            receptor.taintInstance(grant.processGuid(), grant.index(), grant.instanceGuid());
        }
        catch (RuntimeException e) {
            log.warn("could not mark instance {} of {} tainted at the receptor: {}", grant.instanceGuid(),
                    grant.processGuid(), e.getMessage());
        }
    }

    private void replace(Grant grant) {
        try {
            ActualLrp now = receptor.actualLrp(grant.processGuid(), grant.index());
            if (grant.instanceGuid().equals(now.instanceGuid())) {
                receptor.stopInstance(grant.processGuid(), grant.index());
                audit.record(record(grant, "replaced"));
            }
        }
        catch (ReceptorException | java.io.UncheckedIOException e) {
            log.warn("could not replace tainted instance {} of {}: {}", grant.instanceGuid(), grant.processGuid(),
                    e.getMessage());
        }
    }

    private static AccessRecord record(Grant grant, String outcome) {
        return new AccessRecord(Instant.now(), "", grant.userId(), null, grant.clientAddress(), grant.processGuid(),
                grant.instanceGuid(), grant.index(), outcome, grant.grantId());
    }

    private static ApiException notFound(UUID grantId) {
        return new ApiException(ErrorCode.SSH_GRANT_NOT_FOUND, "no grant " + grantId);
    }

    record PolicyChangeEvent(String scope, String guid) {
    }

    record GrantChangedEvent(UUID grantId, Permissions permissions) {
    }

    record GrantRevokedEvent(UUID grantId, String reason) {
    }

}
