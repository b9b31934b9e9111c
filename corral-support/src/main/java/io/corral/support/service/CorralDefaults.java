package io.corral.support.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Puts {@code corral-defaults.yml}, the settings every service shares, below everything
 * else in the environment: a service's own settings file, its arguments and the
 * environment override any of it. Runs after the settings files are read, so a document
 * of it limited to a profile ({@code spring.config.activate.on-profile}) applies when
 * that profile is active.
 */
public class CorralDefaults implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "corral-defaults.yml";

    private static final String ON_PROFILE = "spring.config.activate.on-profile";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<PropertySource<?>> documents = load();
        // Later documents win over earlier ones, as in any settings file.
        for (int i = documents.size() - 1; i >= 0; i--) {
            PropertySource<?> document = documents.get(i);
            Object profile = document.getProperty(ON_PROFILE);
            if (profile == null || environment.matchesProfiles(profile.toString())) {
                environment.getPropertySources().addLast(document);
            }
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    private static List<PropertySource<?>> load() {
        try {
            return new YamlPropertySourceLoader().load(RESOURCE, new ClassPathResource(RESOURCE));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

}
