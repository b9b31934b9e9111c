package io.corral.placement.rollout;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface RolloutInstanceRepository extends JpaRepository<RolloutInstanceEntity, Long> {

    List<RolloutInstanceEntity> findByRolloutIdOrderByProcessGuidAscIndexAsc(Long rolloutId);

}
