package io.corral.cli.receptor;

import io.corral.cli.CliCommand;
import io.corral.cli.ExitCodes;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code corral lrps}: desired LRPs, all, of a domain or an app, or one. */
@Command(name = "lrps", description = "List the desired LRPs, or show one (with --json, its whole definition).")
public class LrpsCommand extends CliCommand {

    @Parameters(arity = "0..1", paramLabel = "PROCESS_GUID", description = "Only this one.")
    private String processGuid;

    @Option(names = "--domain", description = "Only those of this domain.")
    private String domain;

    @Option(names = "--app", paramLabel = "APP_GUID", description = "Only the versions of this app, newest first.")
    private String appGuid;

    @Override
    public Integer call() {
        if (processGuid != null) {
            DesiredLrp lrp = receptor().call("GET", "/v1/desired_lrps/" + processGuid, "receptor.read",
                    client -> client.desiredLrp(processGuid));
            output().show(lrp, () -> ReceptorTables.desiredLrps(List.of(lrp)), "");
            return ExitCodes.OK;
        }
        List<DesiredLrp> lrps = list().stream()
            .filter(lrp -> domain == null || domain.equals(lrp.domain()))
            .filter(lrp -> appGuid == null || appGuid.equals(lrp.appGuid()))
            .toList();
        output().show(lrps, () -> ReceptorTables.desiredLrps(lrps), "No desired LRPs.");
        return ExitCodes.OK;
    }

    private List<DesiredLrp> list() {
        if (appGuid != null) {
            return receptor().call("GET", "/v1/desired_lrps?app_guid=" + appGuid, "receptor.read",
                    client -> client.desiredLrpsOfApp(appGuid));
        }
        if (domain != null) {
            return receptor().call("GET", "/v1/domains/" + domain + "/desired_lrps", "receptor.read",
                    client -> client.desiredLrps(domain));
        }
        return receptor().call("GET", "/v1/desired_lrps", "receptor.read", ReceptorClient::desiredLrps);
    }

}
