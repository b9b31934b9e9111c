package io.corral.receptor.console;

import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the operator console ({@code /console/}) finds the other services, as the
 * operator's browser reaches them. A service left unset is not shown. Each service named
 * must allow the receptor's origin in its {@code corral.security.cors.allowed-origins}.
 *
 * @param placementUrl the placement service (constraints, violations, rollouts, explain)
 * @param routeEmitterUrl the route emitter (routes per router tag)
 * @param sshAuthUrl ssh-auth-service (recent SSH access decisions)
 */
@Validated
@ConfigurationProperties("corral.console")
public record ConsoleProperties(@Pattern(regexp = URL, message = MESSAGE) String placementUrl,
        @Pattern(regexp = URL, message = MESSAGE) String routeEmitterUrl,
        @Pattern(regexp = URL, message = MESSAGE) String sshAuthUrl) {

    private static final String URL = "https?://[A-Za-z0-9.\\-\\[\\]:]+(/[^\\s?#]*)?";

    private static final String MESSAGE = "must be an http or https URL with no query";

    public ConsoleProperties {
        placementUrl = withoutTrailingSlash(placementUrl);
        routeEmitterUrl = withoutTrailingSlash(routeEmitterUrl);
        sshAuthUrl = withoutTrailingSlash(sshAuthUrl);
    }

    /** The origins the console's page may connect to besides its own. */
    Set<String> origins() {
        Set<String> origins = new LinkedHashSet<>();
        Stream.of(placementUrl, routeEmitterUrl, sshAuthUrl)
            .filter(url -> url != null)
            .map(URI::create)
            .forEach(url -> origins.add(url.getScheme() + "://" + url.getRawAuthority()));
        return origins;
    }

    private static String withoutTrailingSlash(String url) {
        return url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
    }

}
