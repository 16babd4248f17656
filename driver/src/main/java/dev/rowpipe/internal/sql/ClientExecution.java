package dev.rowpipe.internal.sql;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.StatementResult;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A client statement on its way: the backend's action for it, run once by {@link #start()}. It has no query on the
 * server to stop; a cancel before start keeps the action from running, one during start aborts the action's
 * requests made with the handle it is given.
 */
public final class ClientExecution implements Execution {

    /** What the driver does for the statement; requests it makes with {@code handle} end at a cancel. */
    @FunctionalInterface
    public interface Action {
        StatementResult run(RequestHandle handle) throws SQLException;
    }

    private final String description;
    private final Action action;
    private final RequestHandle handle = new RequestHandle();

    /** @param description what the statement is, for messages, e.g. {@code Treasure Data table swap of db.a} */
    public ClientExecution(String description, Action action) {
        this.description = Objects.requireNonNull(description, "description is null");
        this.action = Objects.requireNonNull(action, "action is null");
    }

    /** Nothing is sent as a query, so there is no query id. */
    @Override
    public String id() {
        return null;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public StatementResult start() throws SQLException {
        if (handle.isCancelled()) {
            throw SqlState.OPERATION_CANCELLED.exception(description + " was cancelled");
        }
        return action.run(handle);
    }

    @Override
    public void cancel() {
        handle.cancel();
    }
}
