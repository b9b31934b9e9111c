package io.corral.sshauth.authorize;

import io.corral.sshauth.access.AccessDecision;
import io.corral.sshauth.access.AccessRules;
import io.corral.sshauth.access.Caller;
import io.corral.sshauth.access.Permissions;
import io.corral.sshauth.access.RefusalReason;
import io.corral.sshauth.access.RefusedException;
import io.corral.sshauth.access.SshUsername;
import io.corral.sshauth.audit.AccessAudit;
import io.corral.sshauth.audit.AccessRecord;
import io.corral.sshauth.credential.Credentials;
import io.corral.sshauth.credential.OperatorCredential;
import io.corral.sshauth.credential.VerifiedUser;
import io.corral.sshauth.delegation.CloudControllerAccess;
import io.corral.sshauth.grant.Grant;
import io.corral.sshauth.grant.Grants;
import io.corral.sshauth.policy.SshPolicy;
import io.corral.sshauth.instance.InstanceDirectory;
import io.corral.sshauth.instance.Resolution;
import io.corral.sshauth.instance.SshTarget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Decides a login: throttling first, then the user name, the credential, the instance and
 * the policy (or, in delegation mode, the Cloud Controller); every decision is audited,
 * and a refusal counts against the user name and the client address.
 */
@Service
class Authorizer {

    static final String OPERATOR = "diego-operator";

    private static final Caller OPERATOR_CALLER = new Caller(OPERATOR, OPERATOR, true);

    /** Refusals that count as failed attempts: guessing credentials or probing apps. */
    private static final Set<RefusalReason> FAILURES = Set.of(RefusalReason.INVALID_USERNAME,
            RefusalReason.INVALID_CREDENTIAL, RefusalReason.TOKEN_EXPIRED, RefusalReason.CODE_USED_OR_EXPIRED,
            RefusalReason.NOT_AUTHORIZED);

    private final FailureLimiter limiter;

    private final Credentials credentials;

    private final OperatorCredential operator;

    private final InstanceDirectory directory;

    private final SshPolicy policy;

    private final CloudControllerAccess cloudController;

    private final Grants grants;

    private final AccessAudit audit;

    private final MeterRegistry meters;

    Authorizer(FailureLimiter limiter, Credentials credentials, OperatorCredential operator,
            InstanceDirectory directory, SshPolicy policy, CloudControllerAccess cloudController, Grants grants,
            AccessAudit audit, MeterRegistry meters) {
        this.limiter = limiter;
        this.credentials = credentials;
        this.operator = operator;
        this.directory = directory;
        this.policy = policy;
        this.cloudController = cloudController;
        this.grants = grants;
        this.audit = audit;
        this.meters = meters;
    }

    GrantResponse authorize(AuthorizeRequest request) {
        String address = addressKey(request.clientAddress());
        throttle(request, List.of(address));
        Caller caller = null;
        try {
            SshUsername username = SshUsername.parse(request.username())
                .orElseThrow(() -> new RefusedException(RefusalReason.INVALID_USERNAME));
            Login login;
            if (username instanceof SshUsername.App app) {
                VerifiedUser user = credentials.userOf(request.password());
                caller = user.caller();
                throttle(request, List.of(userKey(caller)));
                login = appLogin(app, user);
            }
            else {
                operator.check(request.password());
                caller = OPERATOR_CALLER;
                login = processLogin((SshUsername.Process) username);
            }
            return grant(request, login);
        }
        catch (RefusedException e) {
            refused(request, caller, address, e);
            throw e;
        }
    }

    /**
     * The Cloud Controller's {@code ssh_access} decision, served from this service's own
     * policy: the process to log in to.
     */
    String cloudControllerDecision(String appGuid, int index, String token, String clientAddress) {
        AuthorizeRequest request = new AuthorizeRequest("cf:" + appGuid + "/" + index, token, clientAddress);
        String address = addressKey(clientAddress);
        throttle(request, List.of(address));
        Caller caller = null;
        try {
            VerifiedUser user = credentials.tokenUser(token);
            caller = user.caller();
            throttle(request, List.of(userKey(caller)));
            Resolution resolution = directory.resolveApp(appGuid, index);
            AccessDecision decision = AccessRules.decide(caller, resolution.app(), policy.current());
            if (decision instanceof AccessDecision.Refused refused) {
                throw new RefusedException(refused.reason());
            }
            decided(record(request, caller, resolution.target(), "granted", null));
            return resolution.target().processGuid();
        }
        catch (RefusedException e) {
            refused(request, caller, address, e);
            throw e;
        }
    }

    /**
     * Audits a refusal, then counts it against the client address and the user, when it
     * is a failed attempt ({@link #FAILURES}).
     */
    private void refused(AuthorizeRequest request, Caller caller, String address, RefusedException refusal) {
        decided(record(request, caller, null, refusal.reason().wireName(), null));
        if (FAILURES.contains(refusal.reason())) {
            limiter.failed(caller == null ? List.of(address) : List.of(address, userKey(caller)));
        }
    }

    /**
     * Failures count per client address, and per user once the credential names one: a
     * stranger's bad passwords cannot lock a user, or an app's developers, out.
     */
    private void throttle(AuthorizeRequest request, List<String> keys) {
        Duration wait = limiter.waitFor(keys);
        if (!wait.isZero()) {
            decided(record(request, null, null, RefusalHandler.RATE_LIMITED, null));
            throw new TooManyAttemptsException(wait);
        }
    }

    private static String addressKey(String clientAddress) {
        return "address:" + ClientAddress.host(clientAddress);
    }

    private static String userKey(Caller caller) {
        return "user:" + caller.userId();
    }

    private Login appLogin(SshUsername.App app, VerifiedUser user) {
        if (cloudController.enabled()) {
            return delegatedLogin(app, user);
        }
        Resolution resolution = directory.resolveApp(app.appGuid(), app.index());
        return new Login(user.caller(), AccessRules.decide(user.caller(), resolution.app(), policy.current()),
                resolution, false, false);
    }

    private Login delegatedLogin(SshUsername.App app, VerifiedUser user) {
        if (user.token() == null) {
            // The Cloud Controller decides with the user's token; a code issued before
            // delegation was turned on holds none.
            throw new RefusedException(RefusalReason.INVALID_CREDENTIAL);
        }
        String processGuid = cloudController.processGuid(app.appGuid(), app.index(), user.token());
        Resolution resolution = directory.resolveProcess(processGuid, app.index());
        return new Login(user.caller(), AccessRules.decideOperator(resolution.app()), resolution, true, false);
    }

    private Login processLogin(SshUsername.Process process) {
        Resolution resolution = directory.resolveProcess(process.processGuid(), process.index());
        return new Login(OPERATOR_CALLER, AccessRules.decideOperator(resolution.app()), resolution, false, true);
    }

    private GrantResponse grant(AuthorizeRequest request, Login login) {
        if (login.decision() instanceof AccessDecision.Refused refused) {
            throw new RefusedException(refused.reason());
        }
        Permissions permissions = ((AccessDecision.Granted) login.decision()).permissions();
        SshTarget target = login.resolution().target();
        Caller caller = login.caller();
        Grant grant = new Grant(UUID.randomUUID(), caller.userId(), caller.admin(), login.operator(), login.delegated(),
                target.processGuid(), target.instanceGuid(), target.index(), target.appGuid(), target.spaceGuid(),
                request.clientAddress(), permissions, false);
        grants.open(grant);
        decided(record(request, caller, target, "granted", grant.grantId()));
        boolean replaceTainted = target.spaceGuid() != null && policy.current().replaceTainted(target.spaceGuid());
        return new GrantResponse(grant.grantId(), caller.userId(), caller.userName(), target.processGuid(),
                target.instanceGuid(), target.index(), target.appGuid(), target.spaceGuid(), target.address(),
                target.port(), target.user(), target.privateKey(), target.hostFingerprint(), permissions,
                replaceTainted);
    }

    /**
     * Audits the decision and counts it by outcome ({@code ssh_auth_decisions_total}).
     */
    private void decided(AccessRecord record) {
        audit.record(record);
        meters.counter("ssh.auth.decisions", "outcome", record.outcome()).increment();
    }

    private static AccessRecord record(AuthorizeRequest request, Caller caller, SshTarget target, String outcome,
            UUID grantId) {
        return new AccessRecord(Instant.now(), request.username(), caller == null ? null : caller.userId(),
                caller == null ? null : caller.userName(), request.clientAddress(),
                target == null ? null : target.processGuid(), target == null ? null : target.instanceGuid(),
                target == null ? null : target.index(), outcome, grantId);
    }

    private record Login(Caller caller, AccessDecision decision, Resolution resolution, boolean delegated,
            boolean operator) {
    }

}
