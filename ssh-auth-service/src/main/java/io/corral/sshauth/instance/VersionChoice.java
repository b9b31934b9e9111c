package io.corral.sshauth.instance;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.PortMapping;
import io.corral.sshauth.access.AppOnRecord;
import io.corral.sshauth.access.InstanceState;
import java.util.List;
import java.util.Optional;

/**
 * Picks the instance a login reaches among an app's versions (desired LRPs, newest first,
 * as during a rolling deploy): the newest version with a running instance at the index;
 * failing that, "no SSH route" when a running instance is there but its version has no
 * {@code diego-ssh} route (or the instance does not map its container port), "not
 * running" if any version has the index, else "no such index".
 */
public final class VersionChoice {

    private VersionChoice() {
    }

    /** {@code versions} newest first, all of one app; empty means no such app. */
    public static Resolution choose(String appGuid, List<AppVersion> versions, int index) {
        if (versions.isEmpty()) {
            return Resolution.NONE;
        }
        String spaceGuid = versions.get(0).desired().spaceGuid();
        InstanceState state = InstanceState.NO_SUCH_INDEX;
        for (AppVersion version : versions) {
            for (ActualLrp instance : version.instances()) {
                if (instance.index() != index) {
                    continue;
                }
                if (!isRunning(instance)) {
                    state = state == InstanceState.NO_SUCH_INDEX ? InstanceState.NOT_RUNNING : state;
                    continue;
                }
                Optional<SshTarget> target = reachable(version, instance);
                if (target.isPresent()) {
                    return new Resolution(new AppOnRecord(appGuid, spaceGuid, InstanceState.RUNNING), target.get());
                }
                state = InstanceState.NO_SSH_ROUTE;
            }
        }
        return new Resolution(new AppOnRecord(appGuid, spaceGuid, state), null);
    }

    private static boolean isRunning(ActualLrp instance) {
        return instance.state() == ActualLrpState.RUNNING && instance.address() != null;
    }

    private static Optional<SshTarget> reachable(AppVersion version, ActualLrp instance) {
        return DiegoSshRoute.of(version.desired().routes())
            .flatMap(route -> hostPort(instance.ports(), route.containerPort())
                .map(port -> new SshTarget(instance.processGuid(), instance.instanceGuid(), instance.index(),
                        version.desired().appGuid(), version.desired().spaceGuid(), instance.address(), port,
                        route.user(), route.privateKey(), route.hostFingerprint())));
    }

    private static Optional<Integer> hostPort(List<PortMapping> ports, int containerPort) {
        return ports == null ? Optional.empty()
                : ports.stream().filter(p -> p.containerPort() == containerPort).map(PortMapping::hostPort).findFirst();
    }

}
