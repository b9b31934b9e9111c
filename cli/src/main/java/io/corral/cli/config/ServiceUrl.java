package io.corral.cli.config;

import java.net.URI;

/** Where a service is called, and which flag, variable, file or default said so. */
public record ServiceUrl(Service service, URI uri, String origin) {

    /** How to point the CLI elsewhere, for messages. */
    public String howToSet() {
        return service.flag() + ", " + service.variable() + " or " + service.configKey() + " in the config file";
    }

}
