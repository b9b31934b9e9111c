package io.corral.sshauth.instance;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.DesiredLrp;
import java.util.List;

/** One desired LRP of an app with its instances. */
public record AppVersion(DesiredLrp desired, List<ActualLrp> instances) {

    public AppVersion {
        instances = List.copyOf(instances);
    }

}
