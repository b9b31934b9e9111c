package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.ModificationTag;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.postgresql.PGStatement;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.stereotype.Component;

/**
 * Actual LRPs read and written as plain rows, a batch per statement: the instances on
 * gone cells ({@link LostCellStep}), the current instances of many indices (a batch of
 * placement decisions) or of one with its cell's presence (a single decision), the
 * instances of some indices or of a cell (a group's cell reports, a cell's evacuation),
 * and changes, removals and replacements each written for the whole batch at once (up to
 * {@link #FEW} rows by their primary keys, in one round trip). A change or removal is
 * written only over the version it was decided on; a row changed meanwhile is left as it
 * is (and out of the ids answered).
 */
@Component
class InstanceBatchRows {

    private static final String COLUMNS = """
            id, modification_index, process_guid, instance_index, domain, modification_epoch, instance_guid, state,
            cell_id, address, ports, placement_error, since_ns, crash_count, crash_reason, presence, tainted
            """;

    // Skips through the index of instances by cell, a lookup per cell (PostgreSQL has no
    // skip scan of its own; min() would be planned as a scan of the table).
    private static final String GONE_CELLS = """
            WITH RECURSIVE holding (cell_id) AS (
                (SELECT cell_id FROM actual_lrps WHERE cell_id IS NOT NULL ORDER BY cell_id LIMIT 1)
                UNION ALL
                SELECT (SELECT a.cell_id FROM actual_lrps a WHERE a.cell_id > holding.cell_id ORDER BY a.cell_id LIMIT 1)
                FROM holding WHERE holding.cell_id IS NOT NULL)
            SELECT cell_id FROM holding
            WHERE cell_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM cells c WHERE c.cell_id = holding.cell_id AND c.expires_at > ?)
            """;

    // The cell's presence is checked once, apart from the rows: tied to each row,
    // it makes the planner expect almost none, read all the cell's instances, sort.
    private static final String ON_GONE_CELL = "SELECT " + COLUMNS + """
            FROM actual_lrps a
            WHERE a.cell_id = ? AND a.id > ? AND a.presence <> 'SUSPECT'
              AND NOT EXISTS (SELECT 1 FROM cells c WHERE c.cell_id = ? AND c.expires_at > ?)
            ORDER BY a.id
            LIMIT ?
            """;

    // One lookup of the unique index per index named (LIMIT 1 keeps the subquery apart):
    // a plain join is planned as a scan of the table whenever its statistics are missing.
    private static final String CURRENT_AT = """
            SELECT a.* FROM unnest(?::varchar[], ?::int4[]) AS wanted (guid, wanted_index)
            CROSS JOIN LATERAL (
                SELECT %s FROM actual_lrps
                WHERE process_guid = wanted.guid AND instance_index = wanted.wanted_index AND presence = 'ORDINARY'
                LIMIT 1) a
            """.formatted(COLUMNS);

    private static final String CURRENT_AT_ONE_BESIDE_CELL = "SELECT " + COLUMNS
            + ", EXISTS (SELECT 1 FROM cells WHERE cell_id = ? AND expires_at > ?) AS cell_present"
            + " FROM actual_lrps WHERE process_guid = ? AND instance_index = ? AND presence = 'ORDINARY' LIMIT 1";

    /**
     * An index's or a cell's instances in this order: per index, its current one first.
     */
    private static final String CURRENT_FIRST = "process_guid, instance_index, presence <> 'ORDINARY'";

    private static final String AT_INDEX = "SELECT " + COLUMNS
            + " FROM actual_lrps WHERE process_guid = ? AND instance_index = ? ORDER BY " + CURRENT_FIRST;

    /**
     * Up to this many rows are read by one statement of a fixed size, or written by the
     * single row's statement once for each, sent together in one round trip: those are
     * planned once per connection, where a statement over arrays is planned at every
     * execution, which costs more than a few executions (docs/performance.md).
     */
    private static final int FEW = 32;

    // Locked as Java sorts the indices (a process guid is ASCII, which the "C"
    // collation orders alike): writers of many indices, a statement per 32 of
    // them, never wait for each other in a cycle.
    private static final List<String> LOCKED_AT_FEW = fewIndices(
            "ORDER BY process_guid COLLATE \"C\", instance_index, presence <> 'ORDINARY' FOR UPDATE");

    private static final List<String> CURRENT_AT_FEW = fewIndices("AND presence = 'ORDINARY'");

    private static final String ON_CELL = "SELECT " + COLUMNS + " FROM actual_lrps WHERE cell_id = ? ORDER BY "
            + CURRENT_FIRST;

    private static final String UPDATE = """
            UPDATE actual_lrps a SET modification_index = n.version, instance_guid = n.instance_guid, state = n.state,
                cell_id = n.cell_id, address = n.address, ports = n.ports, placement_error = n.placement_error,
                since_ns = n.since_ns, crash_count = n.crash_count, crash_reason = n.crash_reason,
                presence = n.presence, tainted = n.tainted
            FROM unnest(?::uuid[], ?::int8[], ?::int8[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                        ?::text[], ?::varchar[], ?::int8[], ?::int4[], ?::varchar[], ?::varchar[], ?::bool[])
                AS n (id, expected_version, version, instance_guid, state, cell_id, address, ports, placement_error,
                      since_ns, crash_count, crash_reason, presence, tainted)
            WHERE a.id = n.id AND a.modification_index = n.expected_version
            RETURNING a.id
            """;

    // One row: plain parameters, planned once per connection (a primary key lookup
    // whatever the table's size), not at every cell report.
    private static final String UPDATE_ONE = """
            UPDATE actual_lrps SET modification_index = ?, instance_guid = ?, state = ?, cell_id = ?, address = ?,
                ports = ?, placement_error = ?, since_ns = ?, crash_count = ?, crash_reason = ?, presence = ?,
                tainted = ?
            WHERE id = ? AND modification_index = ?
            """;

    private static final String DELETE = """
            DELETE FROM actual_lrps a USING unnest(?::uuid[], ?::int8[]) AS n (id, expected_version)
            WHERE a.id = n.id AND a.modification_index = n.expected_version
            RETURNING a.id
            """;

    private static final String DELETE_ONE = "DELETE FROM actual_lrps WHERE id = ? AND modification_index = ?";

    private static final String INSERT = "INSERT INTO actual_lrps (" + COLUMNS + """
            ) SELECT * FROM unnest(?::uuid[], ?::int8[], ?::varchar[], ?::int4[], ?::varchar[], ?::varchar[],
                                   ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[],
                                   ?::int8[], ?::int4[], ?::varchar[], ?::varchar[], ?::bool[])
            """;

    private final JdbcTemplate jdbc;

    InstanceBatchRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The cells that instances are on and that have no row or whose heartbeat expired
     * before {@code now}.
     */
    List<String> goneCellsHoldingInstances(Instant now) {
        return jdbc.queryForList(GONE_CELLS, String.class, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    }

    /**
     * {@link #findCurrent} of one index, with whether {@code cellId} is present (its
     * heartbeat not expired at {@code now}) in the same round trip: a single placement
     * decision's reads.
     */
    Optional<InstanceBesideCell> findCurrentBesideCell(InstanceIndex at, String cellId, Instant now) {
        return jdbc
            .query(CURRENT_AT_ONE_BESIDE_CELL,
                    (row, n) -> new InstanceBesideCell(instance(row), row.getBoolean("cell_present")), cellId,
                    OffsetDateTime.ofInstant(now, ZoneOffset.UTC), at.processGuid(), at.index())
            .stream()
            .findFirst();
    }

    /** An instance, and whether the cell a decision names for it is present. */
    record InstanceBesideCell(Instance instance, boolean cellPresent) {
    }

    /**
     * The instances on {@code cellId}, apart from those already suspect, after
     * {@code after} in id order; none once the cell is present again (a heartbeat since
     * {@code now}).
     */
    List<Instance> findOnGoneCell(String cellId, Instant now, UUID after, Limit limit) {
        return jdbc.query(ON_GONE_CELL, (row, n) -> instance(row), cellId, after, cellId,
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC), limit.max());
    }

    /** The current (ordinary) instance of each of {@code indices} that has one. */
    List<Instance> findCurrent(List<InstanceIndex> indices) {
        if (indices.size() <= FEW) {
            return atFew(CURRENT_AT_FEW, indices);
        }
        return jdbc.query(CURRENT_AT, statement -> {
            plannedPerBatch(statement);
            int column = array(statement, 1, "varchar", indices, InstanceIndex::processGuid);
            array(statement, column, "int4", indices, InstanceIndex::index);
        }, (row, n) -> instance(row));
    }

    /**
     * The instances of one index: its current one first, then one being replaced
     * (evacuating or suspect).
     */
    List<Instance> findAtIndex(String processGuid, int index) {
        return jdbc.query(AT_INDEX, (row, n) -> instance(row), processGuid, index);
    }

    /**
     * The instances of each of {@code indices} (each named once), its current one first,
     * locked until the transaction ends: writers of one index that must see each other's
     * result (racing evacuations, a replacement's start and its suspect's cell coming
     * back) follow each other. A statement per {@link #FEW} indices, locked in the order
     * of their process guids and numbers.
     */
    List<Instance> lockAtIndices(List<InstanceIndex> indices) {
        List<InstanceIndex> inOrder = indices.stream()
            .sorted(Comparator.comparing(InstanceIndex::processGuid).thenComparingInt(InstanceIndex::index))
            .toList();
        List<Instance> locked = new ArrayList<>();
        for (int from = 0; from < inOrder.size(); from += FEW) {
            locked.addAll(atFew(LOCKED_AT_FEW, inOrder.subList(from, Math.min(from + FEW, inOrder.size()))));
        }
        return locked;
    }

    /**
     * The rows of a statement of {@link #fewIndices} for {@code indices}, at most
     * {@link #FEW}: the one for the power of two at or above their number, the last index
     * repeated to fill it.
     */
    private List<Instance> atFew(List<String> statements, List<InstanceIndex> indices) {
        int power = 32 - Integer.numberOfLeadingZeros(indices.size() - 1);
        return jdbc.query(statements.get(power), statement -> {
            for (int i = 0; i < 1 << power; i++) {
                InstanceIndex at = indices.get(Math.min(i, indices.size() - 1));
                statement.setString(2 * i + 1, at.processGuid());
                statement.setInt(2 * i + 2, at.index());
            }
        }, (row, n) -> instance(row));
    }

    /**
     * A query of the instances at 1, 2, 4 ... {@link #FEW} indices, by power of two, with
     * {@code rest} after their condition.
     */
    private static List<String> fewIndices(String rest) {
        return IntStream.rangeClosed(0, Integer.numberOfTrailingZeros(FEW))
            .mapToObj(power -> "SELECT " + COLUMNS + " FROM actual_lrps WHERE (process_guid, instance_index) IN ("
                    + String.join(", ", Collections.nCopies(1 << power, "(?, ?)")) + ") " + rest)
            .toList();
    }

    /** The instances on a cell, by process and index. */
    List<Instance> findOnCell(String cellId) {
        return jdbc.query(ON_CELL, (row, n) -> instance(row), cellId);
    }

    /**
     * Writes each change over the version it was decided on, in id order (as every writer
     * of many rows takes them, so none waits for another in a cycle); answers the ids
     * written.
     */
    Set<UUID> update(List<Change> decided) {
        if (decided.isEmpty()) {
            return Set.of();
        }
        if (decided.size() == 1) {
            Change change = decided.get(0);
            return writtenIf(jdbc.update(UPDATE_ONE, statement -> bindUpdateOne(statement, change)), change.before());
        }
        List<Change> changes = decided.stream().sorted(Comparator.comparing(c -> c.before().id())).toList();
        if (changes.size() <= FEW) {
            return writtenOf(changes.stream().map(Change::before).toList(),
                    jdbc.batchUpdate(UPDATE_ONE, changes, changes.size(), InstanceBatchRows::bindUpdateOne));
        }
        return ids(UPDATE, statement -> {
            plannedPerBatch(statement);
            int column = 1;
            column = array(statement, column, "uuid", changes, c -> c.before().id());
            column = array(statement, column, "int8", changes, c -> c.before().version());
            column = array(statement, column, "int8", changes, c -> c.after().version());
            column = array(statement, column, "varchar", changes, c -> c.after().status().instanceGuid());
            column = array(statement, column, "varchar", changes, c -> c.after().status().state().name());
            column = array(statement, column, "varchar", changes, c -> c.after().status().cellId());
            column = array(statement, column, "varchar", changes, c -> c.after().status().address());
            column = array(statement, column, "text", changes, c -> c.after().status().ports());
            column = array(statement, column, "varchar", changes, c -> c.after().status().placementError());
            column = array(statement, column, "int8", changes, c -> c.after().status().sinceNs());
            column = array(statement, column, "int4", changes, c -> c.after().status().crashCount());
            column = array(statement, column, "varchar", changes, c -> c.after().status().crashReason());
            column = array(statement, column, "varchar", changes, c -> c.after().status().presence().name());
            array(statement, column, "bool", changes, c -> c.after().tainted());
        });
    }

    /**
     * Removes each instance still at the version it was read at; answers the ids removed.
     */
    Set<UUID> remove(List<Instance> instances) {
        if (instances.isEmpty()) {
            return Set.of();
        }
        if (instances.size() == 1) {
            Instance instance = instances.get(0);
            return writtenIf(jdbc.update(DELETE_ONE, instance.id(), instance.version()), instance);
        }
        if (instances.size() <= FEW) {
            return writtenOf(instances,
                    jdbc.batchUpdate(DELETE_ONE, instances, instances.size(), (statement, instance) -> {
                        statement.setObject(1, instance.id());
                        statement.setLong(2, instance.version());
                    }));
        }
        return ids(DELETE, statement -> {
            plannedPerBatch(statement);
            int column = array(statement, 1, "uuid", instances, Instance::id);
            array(statement, column, "int8", instances, Instance::version);
        });
    }

    void insert(List<Instance> instances) {
        if (instances.isEmpty()) {
            return;
        }
        jdbc.update(INSERT, statement -> bindInserted(statement, 1, instances));
    }

    /**
     * For a change written in one statement ({@link DesiredLrpRows}): a query of that
     * statement's {@code WITH} that inserts the instances bound by {@link #bindInserted}
     * if {@code condition} holds.
     */
    static String insertWhere(String condition) {
        return INSERT + " WHERE " + condition;
    }

    /**
     * Binds {@code instances} as rows to insert at {@code column} and after; answers the
     * column after them.
     */
    static int bindInserted(PreparedStatement statement, int column, List<Instance> instances) throws SQLException {
        column = array(statement, column, "uuid", instances, Instance::id);
        column = array(statement, column, "int8", instances, Instance::version);
        column = array(statement, column, "varchar", instances, Instance::processGuid);
        column = array(statement, column, "int4", instances, Instance::index);
        column = array(statement, column, "varchar", instances, Instance::domain);
        column = array(statement, column, "varchar", instances, Instance::modificationEpoch);
        column = array(statement, column, "varchar", instances, i -> i.status().instanceGuid());
        column = array(statement, column, "varchar", instances, i -> i.status().state().name());
        column = array(statement, column, "varchar", instances, i -> i.status().cellId());
        column = array(statement, column, "varchar", instances, i -> i.status().address());
        column = array(statement, column, "text", instances, i -> i.status().ports());
        column = array(statement, column, "varchar", instances, i -> i.status().placementError());
        column = array(statement, column, "int8", instances, i -> i.status().sinceNs());
        column = array(statement, column, "int4", instances, i -> i.status().crashCount());
        column = array(statement, column, "varchar", instances, i -> i.status().crashReason());
        column = array(statement, column, "varchar", instances, i -> i.status().presence().name());
        return array(statement, column, "bool", instances, Instance::tainted);
    }

    private static void bindUpdateOne(PreparedStatement statement, Change change) throws SQLException {
        InstanceStatus status = change.after().status();
        statement.setLong(1, change.after().version());
        statement.setString(2, status.instanceGuid());
        statement.setString(3, status.state().name());
        statement.setString(4, status.cellId());
        statement.setString(5, status.address());
        statement.setString(6, status.ports());
        statement.setString(7, status.placementError());
        statement.setLong(8, status.sinceNs());
        statement.setInt(9, status.crashCount());
        statement.setString(10, status.crashReason());
        statement.setString(11, status.presence().name());
        statement.setBoolean(12, change.after().tainted());
        statement.setObject(13, change.before().id());
        statement.setLong(14, change.before().version());
    }

    private static Set<UUID> writtenIf(int rowsWritten, Instance instance) {
        return rowsWritten == 1 ? Set.of(instance.id()) : Set.of();
    }

    /** The ids of {@code instances} whose statement in a batch wrote a row. */
    private static Set<UUID> writtenOf(List<Instance> instances, int[][] rowsWritten) {
        Set<UUID> written = new HashSet<>();
        int[] counts = rowsWritten[0];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                written.add(instances.get(i).id());
            }
        }
        return written;
    }

    private Set<UUID> ids(String sql, PreparedStatementSetter parameters) {
        Set<UUID> ids = new HashSet<>();
        jdbc.query(sql, parameters, row -> {
            ids.add(row.getObject(1, UUID.class));
        });
        return ids;
    }

    /**
     * Has PostgreSQL plan the statement for each batch, knowing its size and the table's
     * as it is now: a plan the connection cached while the table was small (a new
     * database) scans the whole table at every batch until the table is analysed again.
     */
    private static void plannedPerBatch(PreparedStatement statement) throws SQLException {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }

    /**
     * Binds a column of {@code rows} as an array of {@code type} (the statement's cast
     * names it). Bound as a Java array, it goes in the driver's binary form: through
     * {@code createArrayOf} it went as a text literal with every character of every
     * element escaped, a tenth of a desire's request CPU (docs/performance.md). A uuid
     * goes as text, which the statement's cast turns back into a uuid.
     */
    private static <T> int array(PreparedStatement statement, int column, String type, List<T> rows,
            Function<T, Object> value) throws SQLException {
        Stream<Object> values = rows.stream().map(value);
        statement.setObject(column, switch (type) {
            case "int8" -> values.toArray(Long[]::new);
            case "int4" -> values.toArray(Integer[]::new);
            case "bool" -> values.toArray(Boolean[]::new);
            case "uuid", "varchar", "text" -> values.map(v -> v == null ? null : v.toString()).toArray(String[]::new);
            default -> throw new IllegalArgumentException("no array of " + type);
        });
        return column + 1;
    }

    private static Instance instance(ResultSet row) throws SQLException {
        InstanceStatus status = new InstanceStatus(row.getString("instance_guid"),
                ActualLrpState.valueOf(row.getString("state")), row.getString("cell_id"), row.getString("address"),
                row.getString("ports"), row.getString("placement_error"), row.getLong("since_ns"),
                row.getInt("crash_count"), row.getString("crash_reason"),
                ActualLrpPresence.valueOf(row.getString("presence")));
        return new Instance(row.getObject("id", UUID.class), row.getLong("modification_index"),
                row.getString("process_guid"), row.getInt("instance_index"), row.getString("domain"),
                row.getString("modification_epoch"), status, row.getBoolean("tainted"));
    }

    /**
     * An actual LRP's row: {@code version} is its modification index, which every write
     * advances by one.
     */
    record Instance(UUID id, long version, String processGuid, int index, String domain, String modificationEpoch,
            InstanceStatus status, boolean tainted) {

        /**
         * A new instance of the index: an id and modification epoch of its own, version
         * 0.
         */
        static Instance created(String processGuid, int index, String domain, InstanceStatus status) {
            return new Instance(UUID.randomUUID(), 0, processGuid, index, domain, UUID.randomUUID().toString(), status,
                    false);
        }

        /**
         * The instance after a step, one version on; a new incarnation (another instance
         * guid) starts untainted, as {@link ActualLrpEntity#apply} has it.
         */
        Instance with(InstanceStatus next) {
            boolean stillTainted = tainted && next.instanceGuid().equals(status.instanceGuid());
            return new Instance(id, version + 1, processGuid, index, domain, modificationEpoch, next, stillTainted);
        }

        /** The instance marked tainted, one version on. */
        Instance tainting() {
            return new Instance(id, version + 1, processGuid, index, domain, modificationEpoch, status, true);
        }

        ModificationTag tag() {
            return new ModificationTag(modificationEpoch, version);
        }

        ActualLrp toApi() {
            return ActualLrpMapper.toApi(processGuid, index, domain, status, tag(), tainted);
        }

    }

    /** An instance as read and as it is to be written. */
    record Change(Instance before, Instance after) {
    }

}
