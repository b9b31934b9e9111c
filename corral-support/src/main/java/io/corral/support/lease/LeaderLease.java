package io.corral.support.lease;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A named lease in PostgreSQL's {@code leases} table: whoever holds an unexpired lease is
 * the one replica that runs the lease's work. Renewing is acquiring again before expiry.
 */
public class LeaderLease {

    private static final String ACQUIRE = """
            INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, now() + make_interval(secs => ?))
            ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
            WHERE leases.holder = EXCLUDED.holder OR leases.expires_at < now()
            """;

    private final JdbcTemplate jdbc;

    private final String name;

    private final String holder;

    public LeaderLease(JdbcTemplate jdbc, String name, String holder) {
        this.jdbc = jdbc;
        this.name = name;
        this.holder = holder;
    }

    /** Takes or renews the lease for {@code ttl}; false when another holder has it. */
    public boolean tryAcquire(Duration ttl) {
        return jdbc.update(ACQUIRE, name, holder, ttl.toMillis() / 1000.0) == 1;
    }

    /** Gives the lease up at once so a standby need not wait for it to expire. */
    public void release() {
        jdbc.update("DELETE FROM leases WHERE name = ? AND holder = ?", name, holder);
    }

    public String holder() {
        return holder;
    }

}
