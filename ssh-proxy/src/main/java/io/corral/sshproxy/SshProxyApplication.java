package io.corral.sshproxy;

import io.corral.support.service.CorralService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The SSH proxy: the SSH front door to app instances. It asks ssh-auth-service about
 * every login, opens the second hop to the instance's SSH daemon and relays the channels
 * the grant permits; it also serves instance files over HTTPS.
 */
// The proxy keeps no state: where the launcher's classpath brings JDBC, JPA and Flyway,
// they stay off.
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
@ConfigurationPropertiesScan
public class SshProxyApplication {

    public static final CorralService SERVICE = new CorralService("ssh-proxy", SshProxyApplication.class, 8892);

    public static void main(String[] args) {
        SERVICE.run(args);
    }

}
