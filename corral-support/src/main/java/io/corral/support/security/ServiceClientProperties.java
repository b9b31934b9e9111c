package io.corral.support.security;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this service authenticates to the other Corral services: an OAuth2
 * client-credentials grant against the platform's token endpoint (UAA's
 * {@code /oauth/token}) or, with the development issuer on and no token endpoint set,
 * tokens minted by that issuer.
 *
 * @param tokenUri the token endpoint; unset with the development issuer
 * @param clientId the OAuth2 client
 * @param clientSecret its secret; never logged
 * @param scopes the scopes asked for
 */
@Validated
@ConfigurationProperties("corral.service-client")
public record ServiceClientProperties(URI tokenUri, String clientId, String clientSecret,
        @NotNull List<String> scopes) {

    public ServiceClientProperties {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "ServiceClientProperties[tokenUri=" + tokenUri + ", clientId=" + clientId + ", scopes=" + scopes + "]";
    }
}
