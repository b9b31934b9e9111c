package io.corral.receptor.lrp;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ActualLrpRepository extends JpaRepository<ActualLrpEntity, UUID> {

    /**
     * Orders the instances of one index: its current (ordinary) one first, then the one
     * it replaces, if any.
     */
    String CURRENT_FIRST = "case when a.presence = io.corral.receptor.api.ActualLrpPresence.ORDINARY then 0 else 1 end";

    @Query("select a from ActualLrpEntity a where a.processGuid = ?1 order by a.index, " + CURRENT_FIRST)
    List<ActualLrpEntity> findByProcess(String processGuid);

    /**
     * The instances of one index, its current one first, locked until the transaction
     * ends: writers of one index that must see each other's result (a replacement's start
     * and its suspect's cell coming back) follow each other.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from ActualLrpEntity a where a.processGuid = ?1 and a.index = ?2 order by " + CURRENT_FIRST)
    List<ActualLrpEntity> findForUpdateAtIndex(String processGuid, int index);

    /**
     * Locks every instance of a process until the transaction ends, in id order as batch
     * writes take rows, so that removing or retiring them waits for a concurrent write
     * instead of failing on its version, and the two never wait for each other.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from ActualLrpEntity a where a.processGuid = ?1 order by a.id")
    List<ActualLrpEntity> lockByProcess(String processGuid);

    @Query("select a from ActualLrpEntity a where a.cellId = ?1 order by a.processGuid, a.index, " + CURRENT_FIRST)
    List<ActualLrpEntity> findByCell(String cellId);

    /** The indices that have a suspect instance on the cell. */
    @Query("""
            select new io.corral.receptor.lrp.InstanceIndex(a.processGuid, a.index) from ActualLrpEntity a
            where a.cellId = ?1 and a.presence = io.corral.receptor.api.ActualLrpPresence.SUSPECT
            order by a.processGuid, a.index
            """)
    List<InstanceIndex> findSuspectIndices(String cellId);

    // Convergence walks these in id order, a batch at a time: each takes the last id
    // seen. The states are literals, so that PostgreSQL may use the partial index of each
    // whatever plan it keeps for the statement.

    /**
     * The instances assigned to cells at or before {@code assignedBy} (epoch nanoseconds)
     * and still unclaimed: those assigned since, however many a burst of placements left
     * waiting for their cells, are neither read nor built into entities.
     */
    @Query("""
            select a from ActualLrpEntity a
            where a.state = io.corral.receptor.api.ActualLrpState.UNCLAIMED and a.cellId is not null
              and a.sinceNs <= ?1 and a.id > ?2
            order by a.id""")
    List<ActualLrpEntity> findUnclaimedOnCellsAssignedByAfter(long assignedBy, UUID after, Limit limit);

    @Query("""
            select a from ActualLrpEntity a
            where a.state = io.corral.receptor.api.ActualLrpState.CRASHED and a.crashCount < ?1 and a.id > ?2
            order by a.id""")
    List<ActualLrpEntity> findCrashedAfter(int crashCount, UUID after, Limit limit);

    /**
     * Processes that have instances and are no longer desired, with the domains of their
     * instances: one scan of the instances, not a walk of them in id order.
     */
    @Query("""
            select distinct new io.corral.receptor.lrp.OrphanedProcess(a.processGuid, a.domain)
            from ActualLrpEntity a where not exists
                (select d.processGuid from DesiredLrpEntity d where d.processGuid = a.processGuid)
            """)
    List<OrphanedProcess> findOrphanedProcesses();

    /** The process's instances after an id, none once it is desired again. */
    @Query("""
            select a from ActualLrpEntity a where a.processGuid = ?1 and a.id > ?2 and not exists
                (select d.processGuid from DesiredLrpEntity d where d.processGuid = ?1)
            order by a.id
            """)
    List<ActualLrpEntity> findOrphansOfProcessAfter(String processGuid, UUID after, Limit limit);

}
