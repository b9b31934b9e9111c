package io.corral.support.service;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A {@link CorralService} booted in this JVM, as it boots alone: its own settings file
 * over the shared defaults, with the caller's settings on top. The standalone launcher,
 * benchmarks and tests boot services this way.
 */
public final class InProcessService implements AutoCloseable {

    /**
     * A JVM has one logging system, labelled with the name of the first service that
     * starts, so every service's lines would carry that one name: none is shown, and the
     * logger's name says which service wrote a line.
     */
    private static final Map<String, String> SHARED_JVM_DEFAULTS = Map.of("logging.include-application-name", "false");

    private final CorralService service;

    private final ConfigurableApplicationContext context;

    private InProcessService(CorralService service, ConfigurableApplicationContext context) {
        this.service = service;
        this.context = context;
    }

    /**
     * Boots {@code service} with {@code settings} (say {@code server.port=0} for a free
     * port), then {@code args} ({@code --name=value}, winning over a setting of the same
     * name); both win over the service's settings file. The caller stops it
     * ({@link #close()}): it registers no shutdown hook of its own, so the caller decides
     * the order in which services and their database stop.
     */
    public static InProcessService start(CorralService service, Map<String, String> settings, String... args) {
        Map<String, String> withDefaults = new HashMap<>(SHARED_JVM_DEFAULTS);
        withDefaults.putAll(settings);
        String[] arguments = Stream
            .concat(withDefaults.entrySet()
                .stream()
                .filter(setting -> Stream.of(args).noneMatch(arg -> arg.startsWith("--" + setting.getKey() + "=")))
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()), Stream.of(args))
            .toArray(String[]::new);
        SpringApplication application = service.application();
        application.setRegisterShutdownHook(false);
        return new InProcessService(service, application.run(arguments));
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
