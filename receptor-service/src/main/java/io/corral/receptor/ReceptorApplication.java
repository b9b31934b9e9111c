package io.corral.receptor;

import io.corral.support.service.CorralService;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
// No @Scheduled methods: it brings the TaskScheduler that event retention runs on.
@EnableScheduling
public class ReceptorApplication {

    public static final CorralService SERVICE = new CorralService("receptor", ReceptorApplication.class, 8888);

    public static void main(String[] args) {
        SERVICE.run(args);
    }

}
