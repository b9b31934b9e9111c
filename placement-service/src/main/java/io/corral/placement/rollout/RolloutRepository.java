package io.corral.placement.rollout;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface RolloutRepository extends JpaRepository<RolloutEntity, Long> {

    List<RolloutEntity> findByStateOrderById(String state);

    List<RolloutEntity> findTop100ByOrderByIdDesc();

    List<RolloutEntity> findByStateAndSpaceGuidAndLifecycle(String state, String spaceGuid, String lifecycle);

    List<RolloutEntity> findByStateAndSpaceGuidIsNullAndLifecycle(String state, String lifecycle);

}
