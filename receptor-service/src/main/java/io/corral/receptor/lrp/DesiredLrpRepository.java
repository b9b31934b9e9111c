package io.corral.receptor.lrp;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DesiredLrpRepository extends JpaRepository<DesiredLrpEntity, String> {

    List<DesiredLrpEntity> findAllByOrderByProcessGuid();

    List<DesiredLrpEntity> findByDomainOrderByProcessGuid(String domain);

    /** Every desired LRP's instance count against its instances, in one query for convergence. */
    @Query("""
            select new io.corral.receptor.lrp.IndexCount(d.processGuid, d.instances,
                coalesce(sum(case when a.index < d.instances then 1 else 0 end), 0),
                coalesce(sum(case when a.index >= d.instances then 1 else 0 end), 0))
            from DesiredLrpEntity d
            left join ActualLrpEntity a on a.processGuid = d.processGuid and a.evacuating = false
            group by d.processGuid, d.instances
            """)
    List<IndexCount> countIndices();
}
