package io.corral.receptor.lrp;

import static org.hibernate.jpa.HibernateHints.HINT_FETCH_SIZE;
import static org.hibernate.jpa.HibernateHints.HINT_READ_ONLY;

import jakarta.persistence.QueryHint;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

interface DesiredLrpRepository extends JpaRepository<DesiredLrpEntity, String> {

    /**
     * Every desired LRP, read through a cursor: callers stream it out without holding all
     * of it.
     */
    @QueryHints({ @QueryHint(name = HINT_FETCH_SIZE, value = "500"),
            @QueryHint(name = HINT_READ_ONLY, value = "true") })
    @Query("select d from DesiredLrpEntity d order by d.processGuid")
    Stream<DesiredLrpEntity> streamAll();

    @QueryHints({ @QueryHint(name = HINT_FETCH_SIZE, value = "500"),
            @QueryHint(name = HINT_READ_ONLY, value = "true") })
    @Query("select d from DesiredLrpEntity d where d.domain = ?1 order by d.processGuid")
    Stream<DesiredLrpEntity> streamByDomain(String domain);

    /** An app's desired LRPs (its versions), newest first. */
    @QueryHints({ @QueryHint(name = HINT_FETCH_SIZE, value = "500"),
            @QueryHint(name = HINT_READ_ONLY, value = "true") })
    @Query("select d from DesiredLrpEntity d where d.appGuid = ?1 order by d.createdAt desc, d.processGuid")
    Stream<DesiredLrpEntity> streamByAppGuid(String appGuid);

    /**
     * Every desired LRP's instance count against its instances, in one query for
     * convergence: an instance being replaced (evacuating or suspect) does not hold its
     * index, but one above the count is retired all the same.
     */
    @Query("""
            select new io.corral.receptor.lrp.IndexCount(d.processGuid, d.instances,
                coalesce(sum(case when a.index < d.instances
                    and a.presence = io.corral.receptor.api.ActualLrpPresence.ORDINARY then 1 else 0 end), 0),
                coalesce(sum(case when a.index >= d.instances then 1 else 0 end), 0))
            from DesiredLrpEntity d
            left join ActualLrpEntity a on a.processGuid = d.processGuid
            group by d.processGuid, d.instances
            """)
    List<IndexCount> countIndices();

}
