package io.corral.receptor.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.client.ReceptorClient;
import io.corral.testsupport.ApiFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(OutputCaptureExtension.class)
class DevTokenBannerIntegrationTest extends ReceptorIntegrationTest {

    private static final Path TOKEN_FILE = tempDir().resolve("dev-token");

    @DynamicPropertySource
    static void tokenFile(DynamicPropertyRegistry registry) {
        registry.add("corral.security.dev-issuer.token-file", TOKEN_FILE::toString);
    }

    @Test
    void startupPrintsTheUrlsAndATokenForEveryScope(CapturedOutput output) throws IOException {
        String token = Files.readString(TOKEN_FILE).strip();

        assertThat(output.getOut()).contains(token, "http://localhost:" + port + "/v3/api-docs",
                "http://localhost:" + port + "/actuator/prometheus", "curl -H \"Authorization: Bearer");
        assertThat(Files.getPosixFilePermissions(TOKEN_FILE))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        ReceptorClient developer = new ReceptorClient(baseUri(), () -> token);
        developer.heartbeat("cell-a", ApiFixtures.cell("cell-a", "z1", List.of()));
        developer.desireLrp(ApiFixtures.desiredLrp("hello", 1));
        assertThat(developer.desiredLrps()).hasSize(1);
        assertThat(developer.cells()).hasSize(1);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("corral-dev-token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
