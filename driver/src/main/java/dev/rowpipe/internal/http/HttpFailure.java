package dev.rowpipe.internal.http;

import dev.rowpipe.internal.error.SqlState;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Why {@link HttpTransport#send} handed out no response. The kind tells a caller what it may do next: a request
 * that never reached the server cannot have had an effect (a refused query may be sent again once its engine
 * runs). A protocol client turns it into its SQLException once, with {@link #toSqlException()}.
 */
public final class HttpFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What happened to the request. */
    public enum Kind {
        /**
         * Failed before a byte of the request was written (connection refused, unknown host, no route, connect
         * timeout, a TLS handshake the peer cut off): the server never saw it.
         */
        UNREACHABLE(SqlState.CONNECTION_UNABLE_TO_CONNECT),
        /**
         * The TLS handshake failed for a reason that does not pass (certificate, host name, plain HTTP, no answer):
         * the server never saw the request, and sending it again fails the same way.
         */
        TLS_FAILED(SqlState.CONNECTION_UNABLE_TO_CONNECT),
        /** The exchange broke after the request may have reached the server. */
        BROKEN(SqlState.COMMUNICATION_ERROR),
        /** Cancelled through its {@link RequestHandle}, or the thread was interrupted while waiting to retry. */
        CANCELLED(SqlState.OPERATION_CANCELLED);

        private final SqlState state;

        Kind(SqlState state) {
            this.state = state;
        }
    }

    private final Kind kind;

    HttpFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }

    /** True when the request certainly did not reach the server, so it had no effect. */
    public boolean neverReachedServer() {
        return kind == Kind.UNREACHABLE || kind == Kind.TLS_FAILED;
    }

    /**
     * The failure as the driver reports it: 08001 for a server that cannot be reached, 08S01 for a broken
     * exchange, HY008 for a cancelled request. The cause is the I/O failure underneath, if any.
     */
    public SQLException toSqlException() {
        return kind.state.exception(getMessage(), getCause());
    }
}
