package dev.rowpipe.internal.spi;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether a session runs transactions, and how. With auto-commit off, the JDBC layer calls {@link #begin()} before
 * the first statement (and the first one after each commit or rollback), then {@link #commit()} or
 * {@link #rollback()}; the session runs the statements in between inside that transaction (Firebolt 2.0 carries it
 * in its session parameters). A service without transactions returns {@link #NONE}: the JDBC layer then accepts
 * auto-commit off and tells the user what it means, and never calls the three methods.
 */
public interface TransactionSupport {

    /** No transactions: every statement commits as it runs. */
    TransactionSupport NONE = None.INSTANCE;

    /** False for {@link #NONE}. */
    boolean available();

    /** The {@code Connection.TRANSACTION_*} level of the transactions {@link #begin()} starts. */
    int isolation();

    /** Starts a transaction that the session's next statements run in. */
    void begin() throws SQLException;

    /** Commits the transaction {@link #begin()} started. */
    void commit() throws SQLException;

    /** Undoes the transaction {@link #begin()} started. */
    void rollback() throws SQLException;

    /** The answer of a service without transactions; the JDBC layer never asks it to begin, commit or roll back. */
    enum None implements TransactionSupport {
        INSTANCE;

        @Override
        public boolean available() {
            return false;
        }

        @Override
        public int isolation() {
            return Connection.TRANSACTION_NONE;
        }

        @Override
        public void begin() {
            throw new IllegalStateException("the service has no transactions to begin");
        }

        @Override
        public void commit() {
            throw new IllegalStateException("the service has no transactions to commit");
        }

        @Override
        public void rollback() {
            throw new IllegalStateException("the service has no transactions to roll back");
        }
    }
}
