package io.corral.sshproxy;

import io.corral.support.service.CorralService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The SSH proxy: the SSH front door to app instances. It asks ssh-auth-service about
 * every login, opens the second hop to the instance's SSH daemon and relays the channels
 * the grant permits; it also serves instance files over HTTPS.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SshProxyApplication {

    public static final CorralService SERVICE = CorralService.withoutDatabase("ssh-proxy", SshProxyApplication.class,
            8892);

    public static void main(String[] args) {
        SERVICE.run(args);
    }

}
