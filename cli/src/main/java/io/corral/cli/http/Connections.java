package io.corral.cli.http;

import io.corral.cli.CliEnvironment;
import io.corral.cli.config.Service;
import io.corral.cli.config.Settings;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The clients of the services, as the settings say where each is, with one HTTP client.
 */
public final class Connections {

    private final Settings settings;

    private final CliEnvironment env;

    private final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .version(HttpClient.Version.HTTP_1_1)
        .build();

    public Connections(Settings settings, CliEnvironment env) {
        this.settings = settings;
        this.env = env;
    }

    public ReceptorCalls receptor() {
        return new ReceptorCalls(http, settings.url(Service.RECEPTOR), settings.token(), env.clock());
    }

    /** A client of the placement service, the route emitter or ssh-auth-service. */
    public ServiceClient client(Service service) {
        return new ServiceClient(http, settings.url(service), settings.token(), env.clock());
    }

    public Settings settings() {
        return settings;
    }

}
