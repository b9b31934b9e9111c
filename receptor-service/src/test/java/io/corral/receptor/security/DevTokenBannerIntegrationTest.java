package io.corral.receptor.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.receptor.ReceptorIntegrationTest;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.security.DevIssuerProperties;
import io.corral.testsupport.ApiFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

/** With the development issuer on, startup hands the developer a working token. */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS) // a startup of its
                                                                   // own, to see its
                                                                   // output
class DevTokenBannerIntegrationTest extends ReceptorIntegrationTest {

    @Autowired
    private DevIssuerProperties devIssuer;

    @Test
    void startupPrintsTheUrlsAndATokenForEveryScope(CapturedOutput output) throws IOException {
        Path tokenFile = devIssuer.tokenFile();
        String token = Files.readString(tokenFile).strip();

        assertThat(output.getOut()).contains(token, "http://localhost:" + port + "/v3/api-docs",
                "http://localhost:" + port + "/actuator/prometheus", "curl -H \"Authorization: Bearer");
        assertThat(Files.getPosixFilePermissions(tokenFile)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);

        ReceptorClient developer = new ReceptorClient(baseUri(), () -> token);
        developer.heartbeat("cell-banner", ApiFixtures.cell("cell-banner", "z1", List.of()));
        developer.desireLrp(ApiFixtures.desiredLrp("banner", 1));
        assertThat(developer.desiredLrp("banner").instances()).isEqualTo(1);
        assertThat(developer.actualLrps("banner")).hasSize(1);
    }

}
