package io.corral.receptor.task;

import io.corral.receptor.api.TaskState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TaskRepository extends JpaRepository<TaskEntity, String> {

    List<TaskEntity> findAllByOrderByTaskGuid();

    List<TaskEntity> findByDomainOrderByTaskGuid(String domain);

    List<TaskEntity> findByCellIdAndStateInOrderByTaskGuid(String cellId, Collection<TaskState> states);

    @Query("select t.taskGuid from TaskEntity t where t.state = ?1 and t.updatedAt < ?2")
    List<String> guidsInStateSince(TaskState state, Instant before);

    @Query("select t.taskGuid from TaskEntity t where t.state = io.corral.receptor.api.TaskState.COMPLETED"
            + " and t.completedAt < ?1")
    List<String> guidsCompletedBefore(Instant before);

    @Query("select distinct t.cellId from TaskEntity t where t.state in ?1")
    List<String> cellsHolding(Collection<TaskState> states);

    @Query("select t.taskGuid from TaskEntity t where t.cellId = ?1 and t.state in ?2")
    List<String> guidsOnCell(String cellId, Collection<TaskState> states);
}
