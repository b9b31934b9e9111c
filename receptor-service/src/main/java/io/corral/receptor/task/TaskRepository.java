package io.corral.receptor.task;

import static org.hibernate.jpa.HibernateHints.HINT_FETCH_SIZE;
import static org.hibernate.jpa.HibernateHints.HINT_READ_ONLY;

import io.corral.receptor.api.TaskState;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

interface TaskRepository extends JpaRepository<TaskEntity, String> {

    /**
     * Every task, read through a cursor: callers stream it out without holding all of it.
     */
    @QueryHints({ @QueryHint(name = HINT_FETCH_SIZE, value = "500"),
            @QueryHint(name = HINT_READ_ONLY, value = "true") })
    @Query("select t from TaskEntity t order by t.taskGuid")
    Stream<TaskEntity> streamAll();

    @QueryHints({ @QueryHint(name = HINT_FETCH_SIZE, value = "500"),
            @QueryHint(name = HINT_READ_ONLY, value = "true") })
    @Query("select t from TaskEntity t where t.domain = ?1 order by t.taskGuid")
    Stream<TaskEntity> streamByDomain(String domain);

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
