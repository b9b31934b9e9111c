package io.corral.sshauth;

import io.corral.support.service.CorralService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SshAuthApplication {

    public static final CorralService SERVICE = new CorralService("ssh-auth", SshAuthApplication.class, 8891);

    public static void main(String[] args) {
        SERVICE.run(args);
    }

}
