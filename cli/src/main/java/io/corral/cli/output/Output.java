package io.corral.cli.output;

import io.corral.receptor.client.ReceptorJson;
import java.io.PrintWriter;
import java.util.function.Supplier;
import tools.jackson.databind.ObjectWriter;

/**
 * Where a command's results go: tables for people, or with {@code --json} the JSON
 * (snake_case, as the services write it) for scripts.
 */
public final class Output {

    private static final ObjectWriter PRETTY = ReceptorJson.mapper().writerWithDefaultPrettyPrinter();

    private static final ObjectWriter COMPACT = ReceptorJson.mapper().writer();

    private final PrintWriter out;

    private final boolean json;

    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /**
     * {@code value} as JSON with {@code --json}, else the table; {@code empty} is said
     * instead of a table without rows.
     */
    public void show(Object value, Supplier<Table> table, String empty) {
        if (json) {
            printJson(value);
            return;
        }
        Table rows = table.get();
        if (rows.isEmpty()) {
            out.println(empty);
        }
        else {
            rows.print(out);
        }
        out.flush();
    }

    /** {@code value} as JSON with {@code --json}, else the lines {@code text} gives. */
    public void show(Object value, Supplier<String> text) {
        if (json) {
            printJson(value);
        }
        else {
            out.print(text.get());
            out.flush();
        }
    }

    public void table(Table table) {
        table.print(out);
        out.flush();
    }

    public void line(String line) {
        out.println(line);
        out.flush();
    }

    /** One JSON document on one line (a stream of them is newline-delimited JSON). */
    public void jsonLine(Object value) {
        out.println(COMPACT.writeValueAsString(value));
        out.flush();
    }

    private void printJson(Object value) {
        out.println(PRETTY.writeValueAsString(value));
        out.flush();
    }

}
