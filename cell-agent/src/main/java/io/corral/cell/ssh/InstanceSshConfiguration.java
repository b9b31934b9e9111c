package io.corral.cell.ssh;

import io.corral.cell.settings.CellProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Instance SSH as one of the process backend's instance hooks. */
@Configuration(proxyBeanMethods = false)
class InstanceSshConfiguration {

    @Bean(destroyMethod = "close")
    InstanceSshHook instanceSshHook(CellProperties cell) {
        return new InstanceSshHook(cell.address());
    }

}
