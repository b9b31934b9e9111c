package io.corral.cli.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the command line said about where to connect and with which token; null where it
 * said nothing.
 */
public record ConnectionFlags(Map<Service, String> urls, String sshEndpoint, String token, Path tokenFile,
        Path config) {
}
