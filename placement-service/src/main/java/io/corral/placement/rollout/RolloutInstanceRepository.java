package io.corral.placement.rollout;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RolloutInstanceRepository extends JpaRepository<RolloutInstanceEntity, Long> {

    List<RolloutInstanceEntity> findByRolloutIdOrderByProcessGuidAscIndexAsc(Long rolloutId);
}
