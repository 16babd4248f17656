package dev.rowpipe.jdbc;

import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.settings.UrlParser;
import dev.rowpipe.internal.firebolt.FireboltDescription;
import dev.rowpipe.internal.spi.Backend;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ListRowCursor;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.StatementResult;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A test-only backend for {@code jdbc:fake://host/db} URLs, registered through
 * {@code src/test/resources/META-INF/services/dev.rowpipe.internal.spi.Backend}, so tests can drive the whole JDBC layer
 * through {@link java.sql.DriverManager} without a server. Its sessions serve the catalog of {@link FakeCatalog}
 * and answer SQL with canned in-memory results.
 *
 * <p>Tests change its behaviour through the static hooks below and call {@link #reset()} afterwards; tests that
 * use it must not run in parallel with each other.
 */
public class FakeBackend implements Backend {
    public static final ConnectionProperty<String> USER = ConnectionProperty.string("user", "User name", null);
    public static final ConnectionProperty<String> PASSWORD = ConnectionProperty.secret("password", "Password");

    /** Answers one SQL statement; may throw SQLException to simulate a server error. */
    @FunctionalInterface
    public interface Handler {
        StatementResult answer(String sql) throws SQLException;
    }

    /** Columns and rows of the canned answer to any SELECT: one column of each kind DBeaver reads specially. */
    public static final List<ColumnInfo> SAMPLE_COLUMNS = List.of(
            new ColumnInfo("id", ColumnType.of(ColumnType.Kind.INTEGER, "int").withNullable(false)),
            new ColumnInfo("small", ColumnType.of(ColumnType.Kind.SMALLINT, "smallint")),
            new ColumnInfo("tiny", ColumnType.of(ColumnType.Kind.TINYINT, "tinyint")),
            new ColumnInfo("name", ColumnType.of(ColumnType.Kind.VARCHAR, "text")),
            new ColumnInfo("day", ColumnType.of(ColumnType.Kind.DATE, "date")),
            new ColumnInfo("flag", ColumnType.of(ColumnType.Kind.BOOLEAN, "boolean")),
            new ColumnInfo("tags", ColumnType.array("array(text)", ColumnType.of(ColumnType.Kind.VARCHAR, "text"))),
            new ColumnInfo("amount", ColumnType.decimal("numeric(12,2)", 12, 2)));

    public static final List<List<Object>> SAMPLE_ROWS = List.of(
            Arrays.asList(1, 10, 1, "one", LocalDate.of(2024, 1, 2), true, List.of("a", "b"),
                    new java.math.BigDecimal("1.50")),
            Arrays.asList(2, null, null, null, null, null, null, null));

    /** The default answer: SELECT/SHOW/WITH give the sample rows, anything else an update count of 1. */
    public static final Handler DEFAULT_HANDLER = sql -> {
        String head = sql.stripLeading().toUpperCase(Locale.ROOT);
        if (head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("SHOW")) {
            return StatementResult.rows(SAMPLE_COLUMNS, new ListRowCursor(SAMPLE_ROWS));
        }
        return StatementResult.update(1);
    };

    public static volatile Handler handler = DEFAULT_HANDLER;
    public static volatile String productName = "Firebolt";
    public static volatile String productVersion = "4.12.3";
    public static volatile String identifierQuote = "\"";
    public static volatile BackendDescription description = FireboltDescription.DESCRIPTION;

    /** Every statement sent to any fake session, in order. */
    public static final List<String> EXECUTED = Collections.synchronizedList(new ArrayList<>());

    /** Restores the default hooks and forgets executed statements. */
    public static void reset() {
        handler = DEFAULT_HANDLER;
        productName = "Firebolt";
        productVersion = "4.12.3";
        identifierQuote = "\"";
        description = FireboltDescription.DESCRIPTION;
        EXECUTED.clear();
    }

    @Override
    public String subprotocol() {
        return "fake";
    }

    @Override
    public List<ConnectionProperty<?>> properties() {
        List<ConnectionProperty<?>> all = new ArrayList<>(List.of(USER, PASSWORD));
        all.addAll(CommonProperties.ALL);
        return all;
    }

    @Override
    public ParsedUrl parseUrl(String url) throws SQLException {
        return UrlParser.parse(url, "fake", "localhost", "db1");
    }

    @Override
    public Session open(Settings settings) throws SQLException {
        return new FakeSession(settings);
    }
}
