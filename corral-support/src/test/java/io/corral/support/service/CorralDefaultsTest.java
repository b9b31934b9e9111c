package io.corral.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A service gets the shared settings under its own name, and its own settings win over
 * them.
 */
class CorralDefaultsTest {

    private static final CorralService SERVICE = new CorralService("demo", Demo.class, 8899);

    @Test
    void aServiceGetsTheSharedSettingsUnderItsOwnName() {
        try (ConfigurableApplicationContext context = run()) {
            Environment settings = context.getEnvironment();

            assertThat(settings.getProperty("spring.application.name")).isEqualTo("demo");
            assertThat(settings.getProperty("spring.flyway.locations"))
                .isEqualTo("classpath:db/demo,classpath:db/support");
            assertThat(settings.getProperty("management.metrics.tags.application")).isEqualTo("demo");
            assertThat(settings.getProperty("server.port")).isEqualTo("8899");
            assertThat(settings.getProperty("server.shutdown")).isEqualTo("graceful");
            assertThat(settings.getProperty("corral.embedded-postgres.enabled")).isNull();
        }
    }

    @Test
    void theEmbeddedProfileRunsPostgresInProcessWithTheDevelopmentIssuerOnTheLoopbackInterface() {
        try (ConfigurableApplicationContext context = run("--spring.profiles.active=embedded")) {
            Environment settings = context.getEnvironment();

            assertThat(settings.getProperty("corral.embedded-postgres.enabled")).isEqualTo("true");
            assertThat(settings.getProperty("corral.security.dev-issuer.enabled")).isEqualTo("true");
            assertThat(settings.getProperty("corral.security.dev-issuer.token-file")).isEqualTo(".corral/dev-token");
            assertThat(settings.getProperty("server.address")).as("loopback only").isEqualTo("127.0.0.1");
        }
    }

    @Test
    void theServicesOwnSettingsWin() {
        try (ConfigurableApplicationContext context = run("--server.shutdown=immediate",
                "--spring.profiles.active=embedded", "--corral.security.dev-issuer.enabled=false")) {
            Environment settings = context.getEnvironment();

            assertThat(settings.getProperty("server.shutdown")).isEqualTo("immediate");
            assertThat(settings.getProperty("corral.security.dev-issuer.enabled")).isEqualTo("false");
        }
    }

    private static ConfigurableApplicationContext run(String... args) {
        SpringApplication application = SERVICE.application();
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(args);
    }

    @Configuration(proxyBeanMethods = false)
    static class Demo {

    }

}
