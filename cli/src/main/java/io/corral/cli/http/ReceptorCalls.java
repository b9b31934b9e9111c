package io.corral.cli.http;

import io.corral.cli.config.ServiceUrl;
import io.corral.cli.config.Token;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorEventStream;
import io.corral.receptor.client.ReceptorException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.function.Function;
import tools.jackson.core.JacksonException;

/**
 * The receptor through its typed client (receptor-client), each failure through
 * {@link ApiErrors}.
 */
public final class ReceptorCalls {

    private final HttpClient http;

    private final ServiceUrl url;

    private final Token token;

    private final Clock clock;

    private final ReceptorClient client;

    ReceptorCalls(HttpClient http, ServiceUrl url, Token token, Clock clock) {
        this.http = http;
        this.url = url;
        this.token = token;
        this.clock = clock;
        this.client = new ReceptorClient(http, url.uri(), token::value, ServiceClient.REQUEST_TIMEOUT);
    }

    /**
     * {@code call} on the receptor client; {@code method}, {@code path} and {@code scope}
     * describe it for the messages of its failures.
     */
    public <T> T call(String method, String path, String scope, Function<ReceptorClient, T> call) {
        ApiCall described = new ApiCall(url, token, method, path, scope);
        try {
            return call.apply(client);
        }
        catch (RuntimeException e) {
            throw failure(described, e);
        }
    }

    /** {@code GET /v1/events}, from now or after {@code lastEventId}. */
    public ReceptorEventStream events(OptionalLong lastEventId) {
        ApiCall described = new ApiCall(url, token, "GET", "/v1/events", "receptor.read");
        try {
            return ReceptorEventStream.open(http, url.uri(), token::value, lastEventId);
        }
        catch (RuntimeException e) {
            throw failure(described, e);
        }
    }

    public ServiceUrl url() {
        return url;
    }

    private RuntimeException failure(ApiCall call, RuntimeException e) {
        if (e instanceof ReceptorException refused) {
            // The client names a body that is not a Corral error UnknownError; only a 5xx
            // is one.
            String name = "UnknownError".equals(refused.name()) && refused.status() < 500 ? null : refused.name();
            String message = refused.getMessage().substring(refused.getMessage().indexOf(": ") + 2);
            return ApiErrors.refused(call, refused.status(), name, message, clock.instant());
        }
        if (e instanceof UncheckedIOException unreachable) {
            return ApiErrors.unreachable(call, unreachable.getCause());
        }
        if (e instanceof JacksonException) {
            return ApiErrors.notTheService(call, "with JSON that is not the receptor's");
        }
        return e;
    }

}
