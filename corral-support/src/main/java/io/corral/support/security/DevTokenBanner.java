package io.corral.support.security;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * When the development issuer is on, tells the developer at startup where the service
 * answers and hands them a token holding every Corral scope. The token is a credential,
 * so it goes to stdout and to an owner-only file, never to the log.
 */
public class DevTokenBanner implements ApplicationListener<ApplicationReadyEvent> {

    /** Every scope any Corral service checks. */
    public static final List<String> ALL_SCOPES = List.of("receptor.read", "receptor.write", "cells.write",
            "placement.admin", "ssh.proxy", "routes.read", "ssh.admin");

    private final DevIssuer issuer;

    private final DevIssuerProperties properties;

    private final PrintStream out;

    public DevTokenBanner(DevIssuer issuer, DevIssuerProperties properties, PrintStream out) {
        this.issuer = issuer;
        this.properties = properties;
        this.out = out;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String name = env.getProperty("spring.application.name", "corral");
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String baseUrl = "http://localhost:" + port + env.getProperty("server.servlet.context-path", "");
        String managementPort = env.getProperty("local.management.port");
        String managementUrl = (managementPort == null ? baseUrl : "http://localhost:" + managementPort)
                + env.getProperty("management.endpoints.web.base-path", "/actuator");
        String token = issuer.mint("corral-developer", ALL_SCOPES, properties.tokenTtl());
        Path tokenFile = write(properties.tokenFile(), token);
        out.print(banner(name, baseUrl, managementUrl, token, tokenFile));
        out.flush();
    }

    private String banner(String name, String baseUrl, String managementUrl, String token, Path tokenFile) {
        String line = "=".repeat(78);
        return line + "\n" + " " + name + " is ready (development token issuer: not for production)\n"
                + "   API          " + baseUrl + "\n" + "   OpenAPI      " + baseUrl + "/v3/api-docs\n"
                + "   Prometheus   " + managementUrl + "/prometheus\n" + "   Token file   " + tokenFile + "\n"
                + "   Token scopes " + String.join(" ", ALL_SCOPES) + "\n" + "   Valid for    " + properties.tokenTtl()
                + "\n" + "   Token\n" + token + "\n" + "   Try\n" + "curl -H \"Authorization: Bearer $(cat " + tokenFile
                + ")\" " + baseUrl + "/v3/api-docs\n" + line + "\n";
    }

    /**
     * Replaces the token file atomically; a temp file is created readable by its owner
     * only.
     */
    private static Path write(Path file, String token) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "dev-token", ".tmp");
            Files.writeString(temp, token + "\n");
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the development token to " + target, e);
        }
    }

}
