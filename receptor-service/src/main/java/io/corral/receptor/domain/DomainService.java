package io.corral.receptor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Domain freshness: the Cloud Controller marks a domain fresh after it has sent
 * everything it desires in it, and convergence removes unwanted work of fresh domains
 * only.
 */
@Service
public class DomainService {

    private final DomainRepository domains;

    public DomainService(DomainRepository domains) {
        this.domains = domains;
    }

    /** Marks {@code domain} fresh for {@code ttl}; a zero ttl means forever. */
    @Transactional
    public void upsert(String domain, Duration ttl) {
        domains.upsert(domain, ttl.isZero() ? null : Instant.now().plus(ttl));
    }

    @Transactional(readOnly = true)
    public List<String> fresh() {
        return domains.findFresh(Instant.now());
    }

}
