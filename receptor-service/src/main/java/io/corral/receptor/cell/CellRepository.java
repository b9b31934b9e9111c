package io.corral.receptor.cell;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface CellRepository extends JpaRepository<CellEntity, String> {

    List<CellEntity> findByExpiresAtAfterOrderByCellId(Instant now);

    boolean existsByCellIdAndExpiresAtAfter(String cellId, Instant now);

    /** See {@link CellListVersion}. */
    @Query("select new io.corral.receptor.cell.CellListVersion(count(c), coalesce(max(c.changeNumber), 0))"
            + " from CellEntity c where c.expiresAt > ?1")
    CellListVersion presentVersion(Instant now);

    @Modifying(clearAutomatically = true)
    @Query(nativeQuery = true, value = """
            INSERT INTO cells (cell_id, zone, rep_address, memory_mb, disk_mb, containers, placement_tags,
                               optional_placement_tags, rootfs_providers, ttl_seconds, expires_at, evacuating)
            VALUES (:cellId, :zone, :repAddress, :memoryMb, :diskMb, :containers, :placementTags,
                    :optionalPlacementTags, :rootfsProviders, :ttlSeconds, now() + make_interval(secs => :ttlSeconds),
                    :evacuating)
            ON CONFLICT (cell_id) DO UPDATE SET zone = EXCLUDED.zone, rep_address = EXCLUDED.rep_address,
                memory_mb = EXCLUDED.memory_mb, disk_mb = EXCLUDED.disk_mb, containers = EXCLUDED.containers,
                placement_tags = EXCLUDED.placement_tags, optional_placement_tags = EXCLUDED.optional_placement_tags,
                rootfs_providers = EXCLUDED.rootfs_providers, ttl_seconds = EXCLUDED.ttl_seconds,
                expires_at = EXCLUDED.expires_at, evacuating = EXCLUDED.evacuating,
                change_number = CASE
                    WHEN cells.expires_at <= now()
                        OR (cells.zone, cells.rep_address, cells.memory_mb, cells.disk_mb, cells.containers,
                            cells.placement_tags, cells.optional_placement_tags, cells.rootfs_providers,
                            cells.ttl_seconds, cells.evacuating)
                        IS DISTINCT FROM (EXCLUDED.zone, EXCLUDED.rep_address, EXCLUDED.memory_mb,
                            EXCLUDED.disk_mb, EXCLUDED.containers, EXCLUDED.placement_tags,
                            EXCLUDED.optional_placement_tags, EXCLUDED.rootfs_providers, EXCLUDED.ttl_seconds,
                            EXCLUDED.evacuating)
                    THEN nextval('cell_changes') ELSE cells.change_number END
            """)
    void upsert(String cellId, String zone, String repAddress, int memoryMb, int diskMb, int containers,
            String placementTags, String optionalPlacementTags, String rootfsProviders, int ttlSeconds,
            boolean evacuating);

    /** Marks a present cell evacuating; answers how many rows it marked (0 or 1). */
    @Modifying(clearAutomatically = true)
    @Query(nativeQuery = true, value = """
            UPDATE cells SET evacuating = TRUE,
                change_number = CASE WHEN evacuating THEN change_number ELSE nextval('cell_changes') END
            WHERE cell_id = :cellId AND expires_at > now()
            """)
    int markEvacuating(String cellId);

}
