package io.corral.sshauth.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every access decision, one row each. */
class AccessRulesTest {

    private static final Caller DEVELOPER = new Caller("dev", "dev", false);

    private static final Caller STRANGER = new Caller("stranger", "stranger", false);

    private static final Caller ADMIN = new Caller("root", "root", true);

    private static final AppOnRecord RUNNING = new AppOnRecord("app", "space", InstanceState.RUNNING);

    private static final Permissions NO_SHELL = new Permissions(false, true, true, true, true, true);

    private static final Permissions NO_WRITE = new Permissions(true, true, true, true, true, false);

    private static final Permissions NO_FORWARDING = new Permissions(true, true, false, false, true, true);

    static Stream<Arguments> decisions() {
        return Stream.of(
                row("a developer of the space, everything open", DEVELOPER, RUNNING, open(), granted(Permissions.ALL)),
                row("an admin reaches an app of any space", ADMIN, RUNNING, open().noMembers(),
                        granted(Permissions.ALL)),
                row("a stranger is not authorized", STRANGER, RUNNING, open(), refused(RefusalReason.NOT_AUTHORIZED)),
                row("no such app looks the same to a stranger", STRANGER, null, open(),
                        refused(RefusalReason.NOT_AUTHORIZED)),
                row("no such app for a developer too", DEVELOPER, null, open(), refused(RefusalReason.NOT_AUTHORIZED)),
                row("a stranger does not learn SSH is disabled", STRANGER, RUNNING, open().platformOff(),
                        refused(RefusalReason.NOT_AUTHORIZED)),
                row("a stranger does not learn the index is bad", STRANGER, state(InstanceState.NO_SUCH_INDEX), open(),
                        refused(RefusalReason.NOT_AUTHORIZED)),
                row("an app without a space: only an admin", DEVELOPER,
                        new AppOnRecord("app", null, InstanceState.RUNNING), open(),
                        refused(RefusalReason.NOT_AUTHORIZED)),
                row("an app without a space, admin", ADMIN, new AppOnRecord("app", null, InstanceState.RUNNING), open(),
                        granted(Permissions.ALL)),
                row("platform off", DEVELOPER, RUNNING, open().platformOff(),
                        refused(RefusalReason.SSH_DISABLED_PLATFORM)),
                row("platform off applies to admins", ADMIN, RUNNING, open().platformOff(),
                        refused(RefusalReason.SSH_DISABLED_PLATFORM)),
                row("space off", DEVELOPER, RUNNING, open().spaceOff(), refused(RefusalReason.SSH_DISABLED_SPACE)),
                row("app off", DEVELOPER, RUNNING, open().appOff(), refused(RefusalReason.SSH_DISABLED_APP)),
                row("platform off wins over space and app off", DEVELOPER, RUNNING,
                        open().platformOff().spaceOff().appOff(), refused(RefusalReason.SSH_DISABLED_PLATFORM)),
                row("space off wins over app off", DEVELOPER, RUNNING, open().spaceOff().appOff(),
                        refused(RefusalReason.SSH_DISABLED_SPACE)),
                row("no such index", DEVELOPER, state(InstanceState.NO_SUCH_INDEX), open(),
                        refused(RefusalReason.NO_SUCH_INDEX)),
                row("instance not running", DEVELOPER, state(InstanceState.NOT_RUNNING), open(),
                        refused(RefusalReason.INSTANCE_NOT_RUNNING)),
                row("a version without a diego-ssh route", DEVELOPER, state(InstanceState.NO_SSH_ROUTE), open(),
                        refused(RefusalReason.SSH_DISABLED_APP)),
                row("switches come before the instance", DEVELOPER, state(InstanceState.NOT_RUNNING), open().spaceOff(),
                        refused(RefusalReason.SSH_DISABLED_SPACE)),
                row("platform narrows", DEVELOPER, RUNNING, open().platform(NO_SHELL), granted(NO_SHELL)),
                row("space narrows", DEVELOPER, RUNNING, open().space(NO_WRITE), granted(NO_WRITE)),
                row("app narrows", DEVELOPER, RUNNING, open().app(NO_FORWARDING), granted(NO_FORWARDING)),
                row("the AND of all three", DEVELOPER, RUNNING,
                        open().platform(NO_SHELL).space(NO_WRITE).app(NO_FORWARDING),
                        granted(new Permissions(false, true, false, false, true, false))),
                row("a level cannot widen what another narrowed", DEVELOPER, RUNNING,
                        open().platform(Permissions.NONE).space(Permissions.ALL).app(Permissions.ALL),
                        granted(Permissions.NONE)),
                row("admins get the same AND", ADMIN, RUNNING, open().space(NO_WRITE), granted(NO_WRITE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String name, Caller caller, AppOnRecord app, Policy policy, AccessDecision expected) {
        assertThat(AccessRules.decide(caller, app, policy)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "operator on {0}")
    @MethodSource("operatorDecisions")
    void decidesOperatorLogins(String name, AppOnRecord process, AccessDecision expected) {
        assertThat(AccessRules.decideOperator(process)).isEqualTo(expected);
    }

    static Stream<Arguments> operatorDecisions() {
        return Stream.of(Arguments.of("a running instance", RUNNING, granted(Permissions.ALL)),
                Arguments.of("no such process", null, refused(RefusalReason.NOT_AUTHORIZED)),
                Arguments.of("a stopped instance", state(InstanceState.NOT_RUNNING),
                        refused(RefusalReason.INSTANCE_NOT_RUNNING)),
                Arguments.of("a bad index", state(InstanceState.NO_SUCH_INDEX), refused(RefusalReason.NO_SUCH_INDEX)));
    }

    private static Arguments row(String name, Caller caller, AppOnRecord app, Policy policy, AccessDecision expected) {
        return Arguments.of(name, caller, app, policy, expected);
    }

    private static AppOnRecord state(InstanceState state) {
        return new AppOnRecord("app", "space", state);
    }

    private static AccessDecision granted(Permissions permissions) {
        return new AccessDecision.Granted(permissions);
    }

    private static AccessDecision refused(RefusalReason reason) {
        return new AccessDecision.Refused(reason);
    }

    private static Policy open() {
        return new Policy(SshSwitch.OPEN, SshSwitch.OPEN, SshSwitch.OPEN, Map.of("space", Set.of("dev")));
    }

    /** A policy of one space ("space") and one app ("app"). */
    record Policy(SshSwitch platformSwitch, SshSwitch spaceSwitch, SshSwitch appSwitch,
            Map<String, Set<String>> developers) implements PolicyView {

        Policy platformOff() {
            return new Policy(new SshSwitch(false, platformSwitch.permissions()), spaceSwitch, appSwitch, developers);
        }

        Policy spaceOff() {
            return new Policy(platformSwitch, new SshSwitch(false, spaceSwitch.permissions()), appSwitch, developers);
        }

        Policy appOff() {
            return new Policy(platformSwitch, spaceSwitch, new SshSwitch(false, appSwitch.permissions()), developers);
        }

        Policy platform(Permissions p) {
            return new Policy(new SshSwitch(platformSwitch.enabled(), p), spaceSwitch, appSwitch, developers);
        }

        Policy space(Permissions p) {
            return new Policy(platformSwitch, new SshSwitch(spaceSwitch.enabled(), p), appSwitch, developers);
        }

        Policy app(Permissions p) {
            return new Policy(platformSwitch, spaceSwitch, new SshSwitch(appSwitch.enabled(), p), developers);
        }

        Policy noMembers() {
            return new Policy(platformSwitch, spaceSwitch, appSwitch, Map.of());
        }

        @Override
        public SshSwitch platform() {
            return platformSwitch;
        }

        @Override
        public SshSwitch space(String spaceGuid) {
            return "space".equals(spaceGuid) ? spaceSwitch : SshSwitch.OPEN;
        }

        @Override
        public SshSwitch app(String appGuid) {
            return "app".equals(appGuid) ? appSwitch : SshSwitch.OPEN;
        }

        @Override
        public boolean isDeveloper(String userId, String spaceGuid) {
            return developers.getOrDefault(spaceGuid, Set.of()).contains(userId);
        }

        @Override
        public boolean replaceTainted(String spaceGuid) {
            return false;
        }

    }

}
