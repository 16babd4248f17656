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
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.ListRowCursor;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.StatementResult;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test backend ({@code jdbc:scripted:}) whose sessions answer each SQL text with behaviour the test scripts,
 * record every statement and {@link ExecutionOptions} they receive, and can block in start() or in a cursor's
 * next() until cancelled or closed, to test cancel, close and query timeouts.
 */
public final class ScriptedBackend implements Backend {
    static final ConnectionProperty<String> USER = ConnectionProperty.string("user", "User name", null);
    static final ConnectionProperty<String> PASSWORD = ConnectionProperty.secret("password", "Password");
    static final ConnectionProperty<String> API_KEY = ConnectionProperty.secret("apikey", "API key")
            .withAliases("api_key");
    static final ConnectionProperty<Boolean> SSL = ConnectionProperty.bool("ssl", "Use TLS", true);
    static final ConnectionProperty<String> MODE = ConnectionProperty.choice("mode", "Mode", "fast",
            List.of("fast", "slow"));

    static final List<ConnectionProperty<?>> PROPERTIES;

    static {
        List<ConnectionProperty<?>> all = new ArrayList<>(CommonProperties.ALL);
        all.addAll(List.of(USER, PASSWORD, API_KEY, SSL, MODE));
        PROPERTIES = List.copyOf(all);
    }

    /** The session the last {@link #open} created, for tests that connect through DriverManager. */
    static volatile ScriptedSession lastSession;

    @Override
    public String subprotocol() {
        return "scripted";
    }

    @Override
    public List<ConnectionProperty<?>> properties() {
        return PROPERTIES;
    }

    @Override
    public ParsedUrl parseUrl(String url) throws SQLException {
        return UrlParser.parse(url, "scripted", "scripted.example", "defaultdb");
    }

    @Override
    public Session open(Settings settings) {
        ScriptedSession s = new ScriptedSession(settings.database(), TestDialects.STANDARD);
        lastSession = s;
        return s;
    }

    /** What a statement does when started. */
    @FunctionalInterface
    interface Behaviour {
        StatementResult run(ScriptedExecution execution) throws SQLException;
    }

    static ColumnInfo varchar(String name) {
        return new ColumnInfo(name, ColumnType.of(ColumnType.Kind.VARCHAR, "text"));
    }

    /** A row result over in-memory text values, with a cursor that records close and rows read. */
    static Behaviour rows(List<String> names, List<List<?>> values) {
        return e -> {
            List<ColumnInfo> cols = new ArrayList<>();
            names.forEach(n -> cols.add(varchar(n)));
            return StatementResult.rows(cols, e.track(new TrackingCursor(values)));
        };
    }

    static Behaviour update(long count) {
        return e -> StatementResult.update(count);
    }

    static Behaviour fail(String message, String state) {
        return e -> {
            throw new SQLException(message, state);
        };
    }

    /** start() blocks until cancel(), then fails as the SPI contract says (HYT00 on timeout, else HY008). */
    static Behaviour blockUntilCancel() {
        return e -> {
            e.started.countDown();
            try {
                if (!e.cancelled.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("start() was never cancelled");
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", "HY008");
            }
            throw e.timedOut.get() ? new SQLException("timed out", "HYT00") : new SQLException("cancelled", "HY008");
        };
    }

    /** A row result whose cursor gives {@code before} rows, then blocks in next() until closed. */
    static Behaviour blockingRows(int before) {
        return e -> StatementResult.rows(List.of(varchar("x")), e.track(new BlockingCursor(before)));
    }

    /** A cursor over in-memory rows that records how far it was read and whether it was closed. */
    static class TrackingCursor implements RowCursor {
        private final ListRowCursor rows;
        final AtomicInteger read = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        TrackingCursor(List<List<?>> values) {
            this.rows = new ListRowCursor(values);
        }

        @Override
        public boolean next(RowBuffer row) throws SQLException {
            if (closed.get()) {
                throw new SQLException("cursor is closed", "08S01");
            }
            boolean has = rows.next(row);
            if (has) {
                read.incrementAndGet();
            }
            return has;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** Gives some rows, then blocks in next() until close() from any thread, which makes next() throw. */
    static final class BlockingCursor implements RowCursor {
        private final int before;
        private int given;
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        BlockingCursor(int before) {
            this.before = before;
        }

        @Override
        public boolean next(RowBuffer row) throws SQLException {
            if (given < before) {
                row.clear();
                row.setObject(0, "row" + given++);
                return true;
            }
            blocked.countDown();
            try {
                if (!closed.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("blocked cursor was never closed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", "HY008");
            }
            throw new SQLException("connection aborted while reading", "08S01");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** One scripted statement. cancel() aborts like a real backend: it closes the cursor it handed out. */
    static final class ScriptedExecution implements Execution {
        final String sql;
        final ExecutionOptions options;
        private final Behaviour behaviour;
        private final String id;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch cancelled = new CountDownLatch(1);
        final AtomicBoolean timedOut = new AtomicBoolean();
        final AtomicInteger cancels = new AtomicInteger();
        private final List<RowCursor> cursors = new CopyOnWriteArrayList<>();

        ScriptedExecution(String sql, ExecutionOptions options, Behaviour behaviour, String id) {
            this.sql = sql;
            this.options = options;
            this.behaviour = behaviour;
            this.id = id;
        }

        <C extends RowCursor> C track(C cursor) {
            cursors.add(cursor);
            if (cancelled.getCount() == 0) {
                cursor.close();
            }
            return cursor;
        }

        List<RowCursor> cursors() {
            return cursors;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public StatementResult start() throws SQLException {
            return behaviour.run(this);
        }

        @Override
        public void cancel(boolean timedOut) {
            cancels.incrementAndGet();
            if (timedOut) {
                this.timedOut.set(true);
            }
            cancelled.countDown();
            cursors.forEach(RowCursor::close);
        }
    }

    /** A session answering each SQL text with its scripted behaviour. */
    static final class ScriptedSession implements Session {
        private final String database;
        private volatile SqlDialect dialect;
        private final Map<String, Behaviour> script = new ConcurrentHashMap<>();
        private volatile Behaviour fallback = fail("not scripted", "42000");
        final List<ScriptedExecution> executions = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Class<?>, Object> apis = new ConcurrentHashMap<>();
        volatile String currentSchema = "public";
        /** Runs inside newExecution: lets a test act in the window before the statement registers the execution. */
        volatile Runnable onNewExecution = () -> { };

        ScriptedSession(String database, SqlDialect dialect) {
            this.database = database;
            this.dialect = dialect;
        }

        ScriptedSession on(String sql, Behaviour behaviour) {
            script.put(sql, behaviour);
            return this;
        }

        ScriptedSession otherwise(Behaviour behaviour) {
            fallback = behaviour;
            return this;
        }

        ScriptedSession dialect(SqlDialect value) {
            dialect = value;
            return this;
        }

        <T> ScriptedSession api(Class<T> type, T api) {
            apis.put(type, api);
            return this;
        }

        List<String> statements() {
            return executions.stream().map(e -> e.sql).toList();
        }

        ScriptedExecution execution(int index) {
            return executions.get(index);
        }

        /** Waits (bounded) until {@code count} executions exist; returns the last of them. */
        ScriptedExecution awaitExecution(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (executions.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no execution " + count + " after 10 s");
                }
                Thread.sleep(1);
            }
            return executions.get(count - 1);
        }

        @Override
        public Execution newExecution(String sql, ExecutionOptions options) {
            ScriptedExecution e = new ScriptedExecution(sql, options, script.getOrDefault(sql, fallback),
                    "q-" + ids.incrementAndGet());
            executions.add(e);
            onNewExecution.run();
            return e;
        }

        @Override
        public MetadataSource metadata() {
            ScriptedSession self = this;
            return new MetadataSource() {
                @Override
                public List<String> catalogs() {
                    return List.of(database);
                }

                @Override
                public List<SchemaRow> schemas(String catalog, String schemaPattern) {
                    return List.of();
                }

                @Override
                public List<TableRow> tables(String catalog, String schemaPattern, String tablePattern) {
                    return List.of();
                }

                @Override
                public List<ColumnRow> columns(String catalog, String schemaPattern, String tablePattern,
                                               String columnPattern) {
                    return List.of();
                }

                @Override
                public String currentSchema() {
                    return self.currentSchema;
                }
            };
        }

        @Override
        public String productName() {
            return "Scripted";
        }

        @Override
        public String productVersion() {
            return "1.0";
        }

        @Override
        public String database() {
            return database;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            Object api = apis.get(type);
            return api == null ? null : type.cast(api);
        }

        @Override
        public boolean isValid(int timeoutSeconds) {
            return !closed.get();
        }

        @Override
        public BackendDescription description() {
            return FireboltDescription.DESCRIPTION;
        }

        @Override
        public SqlDialect dialect() {
            return dialect;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
