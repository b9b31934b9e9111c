package io.corral.sshproxy.auth;

import io.corral.support.security.ServiceTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ssh-auth-service as this proxy reaches it: its URL and the proxy's service token. */
@Configuration
class SshAuthConfiguration {

    @Bean
    SshAuthClient sshAuthClient(SshAuthProperties properties, ServiceTokens tokens) {
        return new SshAuthClient(properties.url(), tokens, properties.timeout());
    }

}
