package io.corral.testsupport;

import io.corral.receptor.client.ReceptorClient;
import io.corral.support.service.CorralService;
import io.corral.support.service.InProcessService;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Any Corral service, booted in the test's JVM as it boots alone
 * ({@link InProcessService}): on a random port, trusting {@link TestTokens}, on a new,
 * empty database unless the settings name one (replicas of one service share a database
 * that way).
 */
public final class ServiceUnderTest implements AutoCloseable {

    private final InProcessService service;

    private ServiceUnderTest(InProcessService service) {
        this.service = service;
    }

    public static ServiceUnderTest start(CorralService service) {
        return start(service, Map.of());
    }

    /** Starts {@code service} with {@code settings} on top of its own settings file. */
    public static ServiceUnderTest start(CorralService service, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>();
        if (!settings.containsKey("spring.datasource.url")) {
            all.putAll(TestPostgres.freshDataSource());
        }
        all.putAll(TestTokens.properties());
        all.put("server.port", "0");
        all.putAll(settings);
        return new ServiceUnderTest(InProcessService.start(service, all));
    }

    public URI uri() {
        return service.uri();
    }

    /** A receptor client holding every receptor scope, for a receptor under test. */
    public ReceptorClient client() {
        return new ReceptorClient(uri(), TestTokens::receptorAdmin);
    }

    public <T> T bean(Class<T> type) {
        return service.bean(type);
    }

    @Override
    public void close() {
        service.close();
    }

}
