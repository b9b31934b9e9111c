package io.corral.sshauth.policy;

import io.corral.sshauth.access.PolicyView;
import io.corral.support.web.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SSH policy: the admin's changes, each audited in its transaction, and the policy
 * logins read, kept in memory. A change here is seen at once; one made by another replica
 * within {@code corral.ssh.policy.poll-interval} (the audit's highest id tells).
 */
@Service
public class SshPolicy {

    private final PolicyStore store;

    private final TransactionTemplate transactions;

    private final ApplicationEventPublisher events;

    private final JsonMapper json;

    private volatile PolicyBook book = PolicyBook.EMPTY;

    SshPolicy(PolicyStore store, TransactionTemplate transactions, ApplicationEventPublisher events, JsonMapper json) {
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.json = json;
    }

    /** The policy as of the last change this replica saw. */
    public PolicyView current() {
        PolicyBook loaded = book;
        return loaded.version() < 0 ? refresh() : loaded;
    }

    /** Catches up with changes another replica made. */
    @Scheduled(fixedDelayString = "${corral.ssh.policy.poll-interval:1s}")
    public void pollForChanges() {
        if (store.version() != book.version()) {
            refresh();
        }
    }

    private synchronized PolicyBook refresh() {
        PolicyBook loaded = transactions.execute(status -> store.load());
        book = loaded;
        return loaded;
    }

    LevelView level(Level level, String guid) {
        return store.find(level, guid).map(LevelView::of).orElseGet(() -> LevelView.open(level, guid));
    }

    LevelView putLevel(Level level, String guid, LevelRequest request, String actor) {
        if (level != Level.SPACE && request.replaceTainted() != null) {
            throw ApiException.invalidRequest("replace_tainted: only a space has it");
        }
        PermissionSettings settings = request.permissions() == null
                ? new PermissionSettings(null, null, null, null, null, null) : request.permissions();
        StoredLevel stored = new StoredLevel(level, guid, request.enabled(), settings.toPermissions(),
                Boolean.TRUE.equals(request.replaceTainted()), actor, Instant.now().truncatedTo(ChronoUnit.MICROS));
        change(level, guid, () -> {
            Optional<StoredLevel> before = store.find(level, guid);
            store.put(stored);
            store.audit(actor, before.isPresent() ? "update" : "create", level, guid,
                    before.map(b -> write(LevelView.of(b))).orElse(null), write(LevelView.of(stored)));
            return null;
        });
        return LevelView.of(stored);
    }

    void deleteLevel(Level level, String guid, String actor) {
        change(level, guid, () -> {
            Optional<StoredLevel> before = store.find(level, guid);
            before.ifPresent(b -> {
                store.delete(level, guid);
                store.audit(actor, "delete", level, guid, write(LevelView.of(b)), null);
            });
            return null;
        });
    }

    List<Member> members(String spaceGuid) {
        return store.members(spaceGuid);
    }

    Member addMember(String spaceGuid, String userId, String role, String actor) {
        Member member = new Member(spaceGuid, userId, role, actor, Instant.now().truncatedTo(ChronoUnit.MICROS));
        change(Level.SPACE, spaceGuid, () -> {
            if (store.addMember(member)) {
                store.audit(actor, "add_member", Level.SPACE, spaceGuid, null, write(new MemberAudit(userId, role)));
            }
            return null;
        });
        return member;
    }

    void removeMember(String spaceGuid, String userId, String actor) {
        change(Level.SPACE, spaceGuid, () -> {
            if (store.removeMember(spaceGuid, userId)) {
                store.audit(actor, "remove_member", Level.SPACE, spaceGuid, write(new MemberAudit(userId, "developer")),
                        null);
            }
            return null;
        });
    }

    AuditPage audit(Long beforeId, int limit) {
        List<PolicyAuditEntry> entries = store.auditPage(beforeId, limit);
        Long next = entries.size() < limit ? null : entries.get(entries.size() - 1).id();
        return new AuditPage(entries, next);
    }

    private void change(Level level, String guid, Supplier<Void> write) {
        transactions.executeWithoutResult(status -> write.get());
        refresh();
        events.publishEvent(new PolicyChanged(level, guid));
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }

    private record MemberAudit(String userId, String role) {
    }

}
