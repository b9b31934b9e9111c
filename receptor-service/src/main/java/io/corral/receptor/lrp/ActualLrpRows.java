package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.client.ReceptorJson;
import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Lists instances straight from a database cursor into the JSON answer, each row written
 * as {@link ActualLrpMapper} and the API's mapper would write its {@link ActualLrp}, but
 * without entities, a persistence context or a record per row: a listing of every
 * instance holds one fetch of rows however many there are, and spends its time on the
 * rows alone.
 */
@Component
class ActualLrpRows {

    private static final int FETCH_SIZE = 1000;

    private static final String SELECT = """
            SELECT process_guid, instance_guid, cell_id, domain, instance_index, address, ports, state,
                   placement_error, since_ns, crash_count, crash_reason, presence, modification_epoch,
                   modification_index, tainted
            FROM actual_lrps
            """;

    // The unique key's order, so PostgreSQL walks its index and sorts nothing (sorting by
    // an expression that put the current instance first cost 0.2 s of 250,000 rows);
    // CurrentFirst puts it first.
    private static final String ORDER = " ORDER BY process_guid, instance_index, presence";

    private static final SerializableString PROCESS_GUID = name("process_guid");

    private static final SerializableString INSTANCE_GUID = name("instance_guid");

    private static final SerializableString CELL_ID = name("cell_id");

    private static final SerializableString DOMAIN = name("domain");

    private static final SerializableString INDEX = name("index");

    private static final SerializableString ADDRESS = name("address");

    private static final SerializableString PORTS = name("ports");

    private static final SerializableString STATE = name("state");

    private static final SerializableString PLACEMENT_ERROR = name("placement_error");

    private static final SerializableString SINCE = name("since");

    private static final SerializableString CRASH_COUNT = name("crash_count");

    private static final SerializableString CRASH_REASON = name("crash_reason");

    private static final SerializableString EVACUATING = name("evacuating");

    private static final SerializableString PRESENCE = name("presence");

    private static final SerializableString MODIFICATION_TAG = name("modification_tag");

    private static final SerializableString EPOCH = name("epoch");

    private static final SerializableString TAINTED = name("tainted");

    private final JdbcTemplate jdbc;

    private final TransactionTemplate readOnly;

    ActualLrpRows(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(dataSource);
        // A fetch size inside a transaction makes PostgreSQL's driver read through a
        // cursor, a fetch at a time, rather than the whole result at once.
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Writes every instance (of {@code domain}, when given) to {@code json}, ordered by
     * process, index, and the index's current instance first.
     */
    void write(String domain, JsonGenerator json) {
        CurrentFirst rows = new CurrentFirst(json);
        readOnly.executeWithoutResult(status -> {
            if (domain == null) {
                jdbc.query(SELECT + ORDER, rows);
            }
            else {
                jdbc.query(SELECT + "WHERE domain = ?" + ORDER, rows, domain);
            }
        });
        rows.writeHeld();
    }

    /**
     * Writes rows in the key's order, where an index's evacuating instance comes before
     * its current one, but the current one first: an evacuating instance's JSON waits for
     * the next row of its index (rows of one index are at most three, and evacuations
     * rare).
     */
    private static final class CurrentFirst implements RowCallbackHandler {

        private final JsonGenerator json;

        private String heldProcessGuid;

        private int heldIndex;

        private String heldJson;

        CurrentFirst(JsonGenerator json) {
            this.json = json;
        }

        @Override
        public void processRow(ResultSet row) throws SQLException {
            boolean sameIndex = heldJson != null && heldIndex == row.getInt(5)
                    && heldProcessGuid.equals(row.getString(1));
            if (heldJson != null && !sameIndex) {
                writeHeld();
            }
            String presence = row.getString(13);
            if (ActualLrpPresence.EVACUATING.name().equals(presence)) {
                hold(row, presence);
                return;
            }
            write(row, presence, json);
            if (sameIndex) {
                writeHeld();
            }
        }

        /**
         * Writes the evacuating instance held back, if any: after the next row of its
         * index, or after the last row.
         */
        void writeHeld() {
            if (heldJson != null) {
                json.writeRawValue(heldJson);
                heldJson = null;
            }
        }

        private void hold(ResultSet row, String presence) throws SQLException {
            StringWriter held = new StringWriter();
            try (JsonGenerator generator = ReceptorJson.mapper().createGenerator(held)) {
                write(row, presence, generator);
            }
            heldProcessGuid = row.getString(1);
            heldIndex = row.getInt(5);
            heldJson = held.toString();
        }

    }

    /**
     * {@code presence} is the row's, which the caller has read already to place the row.
     */
    private static void write(ResultSet row, String presence, JsonGenerator json) throws SQLException {
        json.writeStartObject();
        string(json, PROCESS_GUID, row.getString(1));
        string(json, INSTANCE_GUID, row.getString(2));
        string(json, CELL_ID, row.getString(3));
        string(json, DOMAIN, row.getString(4));
        json.writeName(INDEX).writeNumber(row.getInt(5));
        string(json, ADDRESS, row.getString(6));
        // Stored as ActualLrpMapper.portsJson writes them: copied as they are.
        String ports = row.getString(7);
        json.writeName(PORTS).writeRawValue(ports == null ? "[]" : ports);
        string(json, STATE, row.getString(8));
        string(json, PLACEMENT_ERROR, row.getString(9));
        json.writeName(SINCE).writeNumber(row.getLong(10));
        json.writeName(CRASH_COUNT).writeNumber(row.getInt(11));
        string(json, CRASH_REASON, row.getString(12));
        json.writeName(EVACUATING).writeBoolean(ActualLrpPresence.EVACUATING.name().equals(presence));
        string(json, PRESENCE, presence);
        json.writeName(MODIFICATION_TAG).writeStartObject();
        string(json, EPOCH, row.getString(14));
        json.writeName(INDEX).writeNumber(row.getLong(15));
        json.writeEndObject();
        json.writeName(TAINTED).writeBoolean(row.getBoolean(16));
        json.writeEndObject();
    }

    /** Leaves a null out, as the API's mapper does. */
    private static void string(JsonGenerator json, SerializableString name, String value) {
        if (value != null) {
            json.writeName(name).writeString(value);
        }
    }

    private static SerializableString name(String name) {
        return new SerializedString(name);
    }

}
