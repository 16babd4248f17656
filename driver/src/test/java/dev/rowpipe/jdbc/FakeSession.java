package dev.rowpipe.jdbc;

import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.StatementResult;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A session of {@link FakeBackend}: answers from the backend's static hooks, lists {@link FakeCatalog}. */
public class FakeSession implements Session {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Settings settings;
    private final MetadataSource metadata = new FakeCatalog();
    private volatile boolean closed;

    public FakeSession(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public Execution newExecution(String sql, ExecutionOptions options) {
        String id = "fake-" + IDS.incrementAndGet();
        return new Execution() {
            private volatile boolean cancelled;

            @Override
            public String id() {
                return id;
            }

            @Override
            public StatementResult start() throws SQLException {
                if (cancelled) {
                    throw new SQLException("Statement was cancelled", "HY008");
                }
                FakeBackend.EXECUTED.add(sql);
                return FakeBackend.handler.answer(sql);
            }

            @Override
            public void cancel(boolean timedOut) {
                cancelled = true;
            }
        };
    }

    @Override
    public MetadataSource metadata() {
        return metadata;
    }

    @Override
    public String productName() {
        return FakeBackend.productName;
    }

    @Override
    public String productVersion() {
        return FakeBackend.productVersion;
    }

    @Override
    public String database() {
        return settings.database();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return null;
    }

    @Override
    public boolean isValid(int timeoutSeconds) {
        return !closed;
    }

    @Override
    public BackendDescription description() {
        return FakeBackend.description;
    }

    @Override
    public SqlDialect dialect() {
        return new SqlDialect() {
            @Override
            public String quoteString(String value) {
                return "'" + value.replace("'", "''") + "'";
            }

            @Override
            public String identifierQuote() {
                return FakeBackend.identifierQuote;
            }

            @Override
            public boolean backslashEscapes() {
                return false;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
