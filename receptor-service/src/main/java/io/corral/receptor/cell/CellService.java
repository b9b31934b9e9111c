package io.corral.receptor.cell;

import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.common.EpochNanos;
import io.corral.support.web.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cells and their heartbeats: a cell is present until its heartbeat is older than its
 * TTL.
 */
@Service
public class CellService {

    private static final int HEARTBEAT_ATTEMPTS = 3;

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private static final String PRESENT_AMONG = "SELECT cell_id FROM cells WHERE cell_id = ANY(?) AND expires_at > ?";

    private final CellRepository cells;

    private final JdbcTemplate jdbc;

    private final CellProperties properties;

    private final List<HeartbeatStep> steps;

    private final TransactionTemplate transactions;

    private final JsonMapper json = ReceptorJson.mapper();

    public CellService(CellRepository cells, JdbcTemplate jdbc, CellProperties properties, List<HeartbeatStep> steps,
            TransactionTemplate transactions) {
        this.cells = cells;
        this.jdbc = jdbc;
        this.properties = properties;
        this.steps = steps;
        this.transactions = transactions;
    }

    /**
     * One upsert, so a cell's first heartbeats racing each other (a retry, two replicas)
     * both succeed; then, in the same transaction, every {@link HeartbeatStep}. A
     * heartbeat changes nothing when repeated, so one that PostgreSQL rolled back to end
     * a deadlock (its returning suspects' indices locked in another order by a group of
     * starts) runs again at once rather than answering the cell 409.
     */
    public Cell heartbeat(String cellId, Cell heartbeat) {
        for (int attempt = 1;; attempt++) {
            try {
                return transactions.execute(status -> heartbeatOnce(cellId, heartbeat));
            }
            catch (PessimisticLockingFailureException e) {
                if (attempt == HEARTBEAT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Cell heartbeatOnce(String cellId, Cell heartbeat) {
        int ttl = heartbeat.ttlSeconds() == null ? (int) properties.defaultTtl().toSeconds() : heartbeat.ttlSeconds();
        CellCapacity capacity = heartbeat.capacity();
        cells.upsert(cellId, heartbeat.zone(), heartbeat.repAddress(), capacity.memoryMb(), capacity.diskMb(),
                capacity.containers(), toJson(heartbeat.placementTags()), toJson(heartbeat.optionalPlacementTags()),
                toJson(heartbeat.rootfsProviders()), ttl, heartbeat.evacuating());
        steps.forEach(step -> step.cellPresent(cellId));
        return toApi(cells.findById(cellId).orElseThrow());
    }

    /**
     * Marks a present cell evacuating, in the caller's transaction: placement puts no new
     * work on it. A cell whose heartbeat expired is refused: it has no work to evacuate.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markEvacuating(String cellId) {
        if (cells.markEvacuating(cellId) == 0) {
            throw ApiException.conflict("cell '" + cellId + "' is not present");
        }
    }

    @Transactional(readOnly = true)
    public List<Cell> present() {
        return cells.findByExpiresAtAfterOrderByCellId(Instant.now()).stream().map(this::toApi).toList();
    }

    /**
     * Which list {@link #present()} answers now. Read before the list, a version is never
     * newer than the list read after it, so a reader holding it misses no change.
     */
    @Transactional(readOnly = true)
    public String presentVersion() {
        return cells.presentVersion(Instant.now()).entityTag();
    }

    @Transactional(readOnly = true)
    public boolean isPresent(String cellId) {
        return cells.existsByCellIdAndExpiresAtAfter(cellId, Instant.now());
    }

    /**
     * Which of {@code cellIds} are present, in one query: the check of every placement
     * decision, so plain JDBC and an array (through Spring Data and Hibernate, the same
     * query took a fifth of a single assignment's request CPU; with a list parameter,
     * Hibernate translated it again for every length of list). One statement, so it needs
     * no transaction of its own and joins the caller's, JPA or JDBC.
     */
    public Set<String> presentAmong(Collection<String> cellIds) {
        if (cellIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.query(PRESENT_AMONG, statement -> {
            statement.setObject(1, cellIds.toArray(String[]::new));
            statement.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
        }, (row, n) -> row.getString(1)));
    }

    private Cell toApi(CellEntity cell) {
        return new Cell(cell.cellId(), cell.zone(), cell.repAddress(),
                new CellCapacity(cell.memoryMb(), cell.diskMb(), cell.containers()),
                json.readValue(cell.placementTags(), STRINGS), json.readValue(cell.optionalPlacementTags(), STRINGS),
                json.readValue(cell.rootfsProviders(), STRINGS), cell.ttlSeconds(), EpochNanos.of(cell.expiresAt()),
                cell.evacuating());
    }

    private String toJson(List<String> values) {
        return json.writeValueAsString(values == null ? List.of() : values);
    }

}
