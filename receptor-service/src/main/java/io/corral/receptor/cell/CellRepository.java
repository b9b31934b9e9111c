package io.corral.receptor.cell;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CellRepository extends JpaRepository<CellEntity, String> {

    List<CellEntity> findByExpiresAtAfterOrderByCellId(Instant now);

    List<CellEntity> findByExpiresAtBefore(Instant now);

    boolean existsByCellIdAndExpiresAtAfter(String cellId, Instant now);
}
