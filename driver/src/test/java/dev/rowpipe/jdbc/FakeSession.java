package dev.rowpipe.jdbc;

import dev.rowpipe.internal.firebolt.FireboltDescription;
import dev.rowpipe.internal.firebolt.FireboltDialect;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.BackendDescription.IdentifierCase;
import dev.rowpipe.internal.spi.BackendDescription.NullOrder;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.spi.TransactionSupport;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session of the fake backend that answers each SQL text with the {@link Behaviour} the test scripted for it
 * ({@link FakeResults} has the usual ones), records every statement and {@link ExecutionOptions} it receives,
 * and says about itself whatever the test sets: dialect, {@link BackendDescription}, product, catalog and the
 * service APIs {@code unwrap} finds. Setters may be called while connections use the session.
 */
public final class FakeSession implements Session {
    /** A service that declares only what every description must: nothing of any real service's. */
    static final BackendDescription PLAIN = BackendDescription.builder()
            .identifierCase(IdentifierCase.UPPER, IdentifierCase.MIXED)
            .nullOrder(NullOrder.AT_END)
            .build();

    /** What a statement does when started. */
    @FunctionalInterface
    interface Behaviour {
        StatementResult run(FakeExecution execution) throws SQLException;
    }

    private volatile String database;
    /** Whether {@link #switchDatabase} moves the session (a service like Firebolt 2.0). */
    private volatile boolean switchable;
    private volatile SqlDialect dialect;
    private volatile BackendDescription description = PLAIN;
    private volatile TransactionSupport transactions = TransactionSupport.NONE;
    private volatile String productName = "Fake";
    private volatile String productVersion = "1.0";
    private volatile MetadataSource metadata;
    private final Map<String, Behaviour> script = new ConcurrentHashMap<>();
    private volatile Behaviour fallback = FakeResults.fail("not scripted", "42000");
    final List<FakeExecution> executions = new CopyOnWriteArrayList<>();
    final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Class<?>, Object> apis = new ConcurrentHashMap<>();
    /** Runs inside newExecution: lets a test act in the window before the statement registers the execution. */
    volatile Runnable onNewExecution = () -> { };

    /** A session on {@code database} that lists only that catalog and fails every statement not scripted. */
    FakeSession(String database, SqlDialect dialect) {
        this.database = database;
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
        this.metadata = FakeCatalog.only(database);
    }

    /**
     * What {@link FakeBackend} opens: Firebolt's production dialect and description, product "Firebolt" 4.12.3,
     * the sample catalog, and the sample answer to any statement. The JDBC layer's metadata tests thereby check
     * what a Firebolt user sees, with no server.
     */
    static FakeSession likeFirebolt(String database) {
        return new FakeSession(database, FireboltDialect.INSTANCE)
                .description(FireboltDescription.DESCRIPTION)
                .product("Firebolt", "4.12.3")
                .metadata(FakeCatalog.sample())
                .otherwise(FakeResults.sample());
    }

    FakeSession on(String sql, Behaviour behaviour) {
        script.put(sql, behaviour);
        return this;
    }

    FakeSession otherwise(Behaviour behaviour) {
        fallback = behaviour;
        return this;
    }

    FakeSession dialect(SqlDialect value) {
        dialect = Objects.requireNonNull(value, "dialect is null");
        return this;
    }

    FakeSession description(BackendDescription value) {
        description = Objects.requireNonNull(value, "description is null");
        return this;
    }

    FakeSession product(String name, String version) {
        productName = name;
        productVersion = version;
        return this;
    }

    FakeSession metadata(MetadataSource value) {
        metadata = Objects.requireNonNull(value, "metadata is null");
        return this;
    }

    <T> FakeSession api(Class<T> type, T api) {
        apis.put(type, api);
        return this;
    }

    List<String> statements() {
        return executions.stream().map(e -> e.sql).toList();
    }

    FakeExecution execution(int index) {
        return executions.get(index);
    }

    /** Waits (bounded) until {@code count} executions exist; returns the last of them. */
    FakeExecution awaitExecution(int count) throws InterruptedException {
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
        FakeExecution e = new FakeExecution(sql, options, script.getOrDefault(sql, fallback),
                "q-" + ids.incrementAndGet());
        executions.add(e);
        onNewExecution.run();
        return e;
    }

    @Override
    public MetadataSource metadata() {
        return metadata;
    }

    @Override
    public String productName() {
        return productName;
    }

    @Override
    public String productVersion() {
        return productVersion;
    }

    @Override
    public String database() {
        return database;
    }

    /** A session whose database can be switched, as on Firebolt 2.0. */
    FakeSession switchable() {
        this.switchable = true;
        return this;
    }

    @Override
    public boolean switchDatabase(String name) {
        if (switchable) {
            database = name;
        }
        return switchable;
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
        return description;
    }

    @Override
    public TransactionSupport transactions() {
        return transactions;
    }

    FakeSession transactions(TransactionSupport value) {
        transactions = Objects.requireNonNull(value, "transactions is null");
        return this;
    }

    @Override
    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    /** One scripted statement. cancel() aborts like a real backend: it closes the cursors it handed out. */
    static final class FakeExecution implements Execution {
        final String sql;
        final ExecutionOptions options;
        private final Behaviour behaviour;
        private final String id;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch cancelled = new CountDownLatch(1);
        final AtomicInteger cancels = new AtomicInteger();
        private final List<RowCursor> cursors = new CopyOnWriteArrayList<>();

        FakeExecution(String sql, ExecutionOptions options, Behaviour behaviour, String id) {
            this.sql = sql;
            this.options = options;
            this.behaviour = behaviour;
            this.id = id;
        }

        /** Hands out a cursor that a cancel closes (at once if the cancel came first). */
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
        public void cancel() {
            cancels.incrementAndGet();
            cancelled.countDown();
            cursors.forEach(RowCursor::close);
        }
    }
}
