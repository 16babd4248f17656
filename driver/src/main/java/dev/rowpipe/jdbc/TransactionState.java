package dev.rowpipe.jdbc;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.TransactionSupport;
import dev.rowpipe.internal.sql.StatementClass;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The auto-commit mode of one connection and what commit and rollback do, for both kinds of service.
 *
 * <p>With {@link TransactionSupport#available() transactions}, auto-commit off begins one on the service before
 * the next statement, and commit and rollback end it there.
 *
 * <p>Without (Firebolt v1, Treasure Data), every statement commits as it runs whatever the mode, and the mode is
 * emulated so that pools and ORMs that turn auto-commit off work: {@code setAutoCommit(false)} is accepted with a
 * warning on the connection (or fails with {@code strict_transactions=true}); {@code commit()} does nothing;
 * {@code rollback()} does nothing when no statement that writes ran since the last commit, and otherwise fails
 * saying those writes cannot be undone, since a rollback that silently kept them would be a lie.
 */
final class TransactionState {
    private final TransactionSupport support;
    private final boolean strict;
    private final String service;
    private boolean autoCommit = true;
    /** With transactions: one was begun on the service and not yet ended. */
    private boolean open;
    /** Without: statements that wrote since the last commit, rollback or switch of mode. */
    private long writesSinceCommit;

    TransactionState(TransactionSupport support, boolean strict, String service) {
        this.support = Objects.requireNonNull(support, "support is null");
        this.strict = strict;
        this.service = Objects.requireNonNull(service, "service is null");
    }

    synchronized boolean autoCommit() {
        return autoCommit;
    }

    /** @param warn adds a warning to the connection */
    synchronized void setAutoCommit(boolean on, Consumer<String> warn) throws SQLException {
        if (on == autoCommit) {
            return;
        }
        if (support.available()) {
            if (on && open) {
                // JDBC: switching auto-commit on commits the transaction in progress.
                open = false;
                support.commit();
            }
            autoCommit = on;
            return;
        }
        if (!on && strict) {
            throw SqlState.FEATURE_NOT_SUPPORTED.exception("Connection.setAutoCommit(false): " + service
                    + " has no transactions and strict_transactions=true; every statement commits as it runs "
                    + "(set strict_transactions=false to accept auto-commit off with a warning)");
        }
        autoCommit = on;
        writesSinceCommit = 0;
        if (!on) {
            warn.accept("Auto-commit is off, but " + service + " has no transactions: every statement still "
                    + "commits as it runs, commit() does nothing, and rollback() fails if a statement wrote since "
                    + "the last commit");
        }
    }

    /** Before each statement of the connection: begins the transaction auto-commit off asks for. */
    synchronized void beforeStatement() throws SQLException {
        if (support.available() && !autoCommit && !open) {
            support.begin();
            open = true;
        }
    }

    /** After each statement that succeeded: counts the writes a rollback could not undo. */
    synchronized void afterStatement(String sql, boolean backslashEscapes) {
        if (!support.available() && !autoCommit && StatementClass.of(sql, backslashEscapes).writes()) {
            writesSinceCommit++;
        }
    }

    synchronized void commit() throws SQLException {
        if (support.available()) {
            if (open) {
                open = false;
                support.commit();
            }
            return;
        }
        writesSinceCommit = 0;
    }

    synchronized void rollback() throws SQLException {
        if (support.available()) {
            if (open) {
                open = false;
                support.rollback();
            }
            return;
        }
        long writes = writesSinceCommit;
        writesSinceCommit = 0;
        if (writes > 0) {
            throw SqlState.INVALID_TRANSACTION_STATE.exception("Rollback cannot undo " + writes + " statement"
                    + (writes == 1 ? "" : "s") + " that wrote since the last commit: " + service
                    + " has no transactions, and each was committed as it ran");
        }
    }

    /** When the connection closes: a transaction still open on the service is rolled back, as JDBC drivers do. */
    synchronized void close() throws SQLException {
        if (support.available() && open) {
            open = false;
            support.rollback();
        }
    }
}
