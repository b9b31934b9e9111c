package io.corral.support.service;

import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A {@link CorralService} booted in this JVM, as it boots alone: its own settings file
 * over the shared defaults, with the caller's settings on top. The standalone launcher,
 * benchmarks and tests boot services this way.
 */
public final class InProcessService implements AutoCloseable {

    private final CorralService service;

    private final ConfigurableApplicationContext context;

    private InProcessService(CorralService service, ConfigurableApplicationContext context) {
        this.service = service;
        this.context = context;
    }

    /**
     * Boots {@code service} with {@code settings} (say {@code server.port=0} for a free
     * port), then {@code args} ({@code --name=value}); both win over the service's
     * settings file.
     */
    public static InProcessService start(CorralService service, Map<String, String> settings, String... args) {
        String[] arguments = Stream
            .concat(settings.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue()),
                    Stream.of(args))
            .toArray(String[]::new);
        return new InProcessService(service, service.run(arguments));
    }

    public CorralService service() {
        return service;
    }

    /** Where it listens, on the loopback address. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

}
