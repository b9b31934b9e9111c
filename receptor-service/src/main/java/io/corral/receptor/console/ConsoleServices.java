package io.corral.receptor.console;

/**
 * The services the console's page calls besides the receptor; absent ones are not shown.
 */
record ConsoleServices(String placement, String routeEmitter, String sshAuth) {

    static ConsoleServices of(ConsoleProperties properties) {
        return new ConsoleServices(properties.placementUrl(), properties.routeEmitterUrl(), properties.sshAuthUrl());
    }

}
