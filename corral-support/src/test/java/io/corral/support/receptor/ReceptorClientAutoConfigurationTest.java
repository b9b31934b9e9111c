package io.corral.support.receptor;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.client.ReceptorClient;
import io.corral.support.security.ServiceTokens;
import io.corral.support.security.ServiceTokens.IssuedToken;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ReceptorClientAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ReceptorClientAutoConfiguration.class))
        .withBean(ServiceTokens.class,
                () -> new ServiceTokens(() -> new IssuedToken("token", Duration.ofHours(1)), Clock.systemUTC()));

    @Test
    void aServiceThatNamesTheReceptorGetsAClientOfIt() {
        context.withPropertyValues("corral.receptor.url=http://receptor.internal:8888").run(started -> {
            assertThat(started).hasSingleBean(ReceptorClient.class);
            assertThat(started.getBean(ReceptorProperties.class).url())
                .isEqualTo(URI.create("http://receptor.internal:8888"));
        });
    }

    @Test
    void aServiceThatDoesNotNameTheReceptorGetsNoClient() {
        context.run(started -> assertThat(started).doesNotHaveBean(ReceptorClient.class)
            .doesNotHaveBean(ReceptorProperties.class));
    }

    @Test
    void aClientOfTheServiceItselfIsKept() {
        ReceptorClient own = new ReceptorClient(URI.create("http://elsewhere"), () -> "other");
        context.withPropertyValues("corral.receptor.url=http://receptor.internal:8888")
            .withBean(ReceptorClient.class, () -> own)
            .run(started -> assertThat(started.getBean(ReceptorClient.class)).isSameAs(own));
    }

    @Test
    void theAutoConfigurationIsRegistered() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
            .contains(ReceptorClientAutoConfiguration.class.getName());
    }

}
