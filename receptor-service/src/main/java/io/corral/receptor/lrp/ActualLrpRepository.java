package io.corral.receptor.lrp;

import static org.hibernate.jpa.HibernateHints.HINT_FETCH_SIZE;
import static org.hibernate.jpa.HibernateHints.HINT_READ_ONLY;

import io.corral.receptor.api.ActualLrpState;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface ActualLrpRepository extends JpaRepository<ActualLrpEntity, UUID> {

    List<ActualLrpEntity> findByProcessGuidOrderByIndexAscEvacuatingAsc(String processGuid);

    Optional<ActualLrpEntity> findByProcessGuidAndIndexAndEvacuatingFalse(String processGuid, int index);

    List<ActualLrpEntity> findByCellIdOrderByProcessGuidAscIndexAsc(String cellId);

    /** Every instance, read through a cursor: callers stream it out without holding all of it. */
    @QueryHints({@QueryHint(name = HINT_FETCH_SIZE, value = "500"), @QueryHint(name = HINT_READ_ONLY, value = "true")})
    @Query("select a from ActualLrpEntity a order by a.processGuid, a.index, a.evacuating")
    Stream<ActualLrpEntity> streamAll();

    @QueryHints({@QueryHint(name = HINT_FETCH_SIZE, value = "500"), @QueryHint(name = HINT_READ_ONLY, value = "true")})
    @Query("select a from ActualLrpEntity a where a.domain = ?1 order by a.processGuid, a.index, a.evacuating")
    Stream<ActualLrpEntity> streamByDomain(String domain);

    List<ActualLrpEntity> findByStateAndCellIdIsNotNull(ActualLrpState state);

    List<ActualLrpEntity> findByStateAndCrashCountLessThan(ActualLrpState state, int crashCount);

    /** Instances on a cell that has no row or whose heartbeat expired before {@code now}. */
    @Query("""
            select a from ActualLrpEntity a where a.cellId is not null and not exists
                (select c.cellId from CellEntity c where c.cellId = a.cellId and c.expiresAt > ?1)
            """)
    List<ActualLrpEntity> findOnGoneCells(Instant now);

    /** Instances of a process that is no longer desired. */
    @Query("""
            select a from ActualLrpEntity a where not exists
                (select d.processGuid from DesiredLrpEntity d where d.processGuid = a.processGuid)
            """)
    List<ActualLrpEntity> findOrphans();
}
