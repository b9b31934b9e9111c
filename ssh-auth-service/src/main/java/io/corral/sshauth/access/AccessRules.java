package io.corral.sshauth.access;

/**
 * Who may log in to which instance, and with what. The order matters: whether the caller
 * may see the app at all is decided first, so a stranger learns nothing else (not even
 * whether the app exists); the switches next, from the platform down; the instance last.
 */
public final class AccessRules {

    private AccessRules() {
    }

    /**
     * A {@code cf:} login by {@code caller} to {@code app} (null: no such app) under
     * {@code policy}.
     */
    public static AccessDecision decide(Caller caller, AppOnRecord app, PolicyView policy) {
        if (app == null || !(caller.admin() || isDeveloper(caller, app, policy))) {
            return AccessDecision.refused(RefusalReason.NOT_AUTHORIZED);
        }
        SshSwitch platform = policy.platform();
        if (!platform.enabled()) {
            return AccessDecision.refused(RefusalReason.SSH_DISABLED_PLATFORM);
        }
        SshSwitch space = app.spaceGuid() == null ? SshSwitch.OPEN : policy.space(app.spaceGuid());
        if (!space.enabled()) {
            return AccessDecision.refused(RefusalReason.SSH_DISABLED_SPACE);
        }
        SshSwitch appSwitch = policy.app(app.appGuid());
        if (!appSwitch.enabled()) {
            return AccessDecision.refused(RefusalReason.SSH_DISABLED_APP);
        }
        return onInstance(app.instance(), platform.permissions().and(space.permissions()).and(appSwitch.permissions()));
    }

    /**
     * A {@code diego:} login with the operator credential to {@code process} (null: no
     * such process): every permission on any running instance, as Diego's own proxy gives
     * it; the policy's switches are Cloud Foundry's and do not apply.
     */
    public static AccessDecision decideOperator(AppOnRecord process) {
        if (process == null) {
            return AccessDecision.refused(RefusalReason.NOT_AUTHORIZED);
        }
        return onInstance(process.instance(), Permissions.ALL);
    }

    private static boolean isDeveloper(Caller caller, AppOnRecord app, PolicyView policy) {
        return app.spaceGuid() != null && policy.isDeveloper(caller.userId(), app.spaceGuid());
    }

    private static AccessDecision onInstance(InstanceState instance, Permissions permissions) {
        return switch (instance) {
            case RUNNING -> new AccessDecision.Granted(permissions);
            case NO_SSH_ROUTE -> AccessDecision.refused(RefusalReason.SSH_DISABLED_APP);
            case NOT_RUNNING -> AccessDecision.refused(RefusalReason.INSTANCE_NOT_RUNNING);
            case NO_SUCH_INDEX -> AccessDecision.refused(RefusalReason.NO_SUCH_INDEX);
        };
    }

}
