package io.corral.receptor.lrp;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DesiredLrpRepository extends JpaRepository<DesiredLrpEntity, String> {

    List<DesiredLrpEntity> findAllByOrderByProcessGuid();

    List<DesiredLrpEntity> findByDomainOrderByProcessGuid(String domain);
}
