package dev.rowpipe.internal.td;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ListRowCursor;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.sql.SqlTokens;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A schema probe answered from the table's schema ({@code /v3/table/list}) instead of a job. Tools learn a
 * result's columns by running a query that returns none: Spark {@code SELECT * FROM t WHERE 1=0} (and
 * {@code SELECT * FROM (query) alias WHERE 1=0} for a query), Tableau and others {@code LIMIT 0}. On TD each
 * would be a whole job (queued, run, seconds to minutes) for no rows. When the probe reads a plain table, its
 * columns are the table's ({@link TdMetadata#selectStarColumns}), typed as TD's table schema types them, and no
 * job is needed.
 *
 * <p>Recognised, read with the engine's quoting (Hive backticks, Presto/Trino double quotes), comments anywhere:
 * <pre>
 * SELECT * FROM name (WHERE 1 = 0 | LIMIT 0) [;]
 * SELECT * FROM ( SELECT * FROM name ) [AS] alias (WHERE 1 = 0 | LIMIT 0) [;]
 * name = table | database.table | td.database.table (Presto/Trino)
 * </pre>
 * Anything else, and a probe of a table the list does not have (it may be a view, or not exist: the job then
 * says so), runs as a job.
 */
final class TdSchemaProbe implements Execution {
    /** Presto's and Trino's catalog of TD databases. */
    private static final String TD_CATALOG = "td";

    /** The table a probe reads. */
    record Target(String database, String table) { }

    private final Target target;
    private final TdClient client;
    private final Supplier<Execution> job;
    private final RequestHandle handle = new RequestHandle();
    private volatile Execution running;

    /** @param job the job to run when the table is not in the list */
    TdSchemaProbe(Target target, TdClient client, Supplier<Execution> job) {
        this.target = Objects.requireNonNull(target, "target is null");
        this.client = Objects.requireNonNull(client, "client is null");
        this.job = Objects.requireNonNull(job, "job is null");
    }

    /** The table {@code sql} probes, or null when it is not a probe the schema answers. */
    static Target recognise(String sql, String type, String database) {
        boolean hive = "hive".equalsIgnoreCase(type);
        SqlTokens t = SqlTokens.of(sql, TdDialect.forType(type).backslashEscapes());
        if (!selectStarFrom(t)) {
            return null;
        }
        List<String> name;
        if (t.symbol('(')) {
            if (!selectStarFrom(t)) {
                return null;
            }
            name = name(t, hive);
            if (name == null || !t.symbol(')')) {
                return null;
            }
            t.keyword("AS");
            if (identifier(t, hive) == null) {
                return null;
            }
        } else {
            name = name(t, hive);
        }
        if (name == null || !noRows(t) || !t.atEnd()) {
            return null;
        }
        return switch (name.size()) {
            case 1 -> new Target(database, name.get(0));
            case 2 -> new Target(name.get(0), name.get(1));
            default -> !hive && name.size() == 3 && name.get(0).equals(TD_CATALOG)
                    ? new Target(name.get(1), name.get(2)) : null;
        };
    }

    private static boolean selectStarFrom(SqlTokens t) {
        return t.keyword("SELECT") && t.symbol('*') && t.keyword("FROM");
    }

    /** {@code WHERE 1 = 0} or {@code LIMIT 0}. */
    private static boolean noRows(SqlTokens t) {
        if (t.keyword("WHERE")) {
            return "1".equals(t.bareName("")) && t.symbol('=') && "0".equals(t.bareName(""));
        }
        return t.keyword("LIMIT") && "0".equals(t.bareName(""));
    }

    /** One to three identifiers joined by {@code .}, lower-cased as both engines fold names; null if none. */
    private static List<String> name(SqlTokens t, boolean hive) {
        List<String> parts = new ArrayList<>();
        do {
            String part = identifier(t, hive);
            if (part == null) {
                return null;
            }
            parts.add(part.toLowerCase(Locale.ROOT));
        } while (parts.size() < 3 && t.symbol('.'));
        return parts;
    }

    /** A bare or quoted identifier; in Hive a double-quoted text is a string, in Presto a backquote an error. */
    private static String identifier(SqlTokens t, boolean hive) {
        if (t.peek(hive ? '"' : '`')) {
            return null;
        }
        String name = t.name("");
        return name == null || Character.isDigit(name.charAt(0)) ? null : name;
    }

    @Override
    public String id() {
        Execution j = running;
        return j == null ? null : j.id();
    }

    @Override
    public String description() {
        Execution j = running;
        return j != null ? j.description()
                : "Treasure Data schema probe of " + target.database() + "." + target.table();
    }

    @Override
    public StatementResult start() throws SQLException {
        if (handle.isCancelled()) {
            throw SqlState.OPERATION_CANCELLED.exception(description() + " was cancelled");
        }
        Optional<List<TdTable>> tables = client.listTablesIfExists(target.database(), handle);
        for (TdTable table : tables.orElse(List.of())) {
            if (table.name().equals(target.table())) {
                return StatementResult.rows(TdMetadata.selectStarColumns(table), new ListRowCursor(List.of()))
                        .withWarning("Answered from the schema of table " + target.database() + "."
                                + target.table() + " without running a job: the statement returns no rows");
            }
        }
        Execution j = job.get();
        running = j;
        if (handle.isCancelled()) {
            j.cancel();
        }
        return j.start();
    }

    @Override
    public void cancel() {
        handle.cancel();
        Execution j = running;
        if (j != null) {
            j.cancel();
        }
    }
}
