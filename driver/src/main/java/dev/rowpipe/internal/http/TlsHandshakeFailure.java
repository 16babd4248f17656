package dev.rowpipe.internal.http;

import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * A TLS handshake that failed, with the reason in words a user can act on. The handshake comes before any byte of
 * the request, so the server never saw the request; only a handshake the peer cut off may pass, every other reason
 * fails the same way again and is never retried.
 */
final class TlsHandshakeFailure extends SSLException {
    private static final long serialVersionUID = 1L;

    /** Why the handshake failed. */
    enum Reason {
        /** The server's certificate is not signed by an authority the connection trusts. */
        UNTRUSTED_CERTIFICATE,
        /** The certificate is trusted but does not name the host connected to. */
        HOST_NAME_MISMATCH,
        /** The certificate is expired, not yet valid, or otherwise rejected. */
        INVALID_CERTIFICATE,
        /** The server asked for a client certificate and did not accept the one sent (or none). */
        CLIENT_CERTIFICATE_REJECTED,
        /** The server answered in plain HTTP. */
        PLAIN_HTTP,
        /** The server answered with something that is not TLS. */
        NOT_TLS,
        /** No answer to the handshake within the connect timeout. */
        TIMEOUT,
        /** No protocol version or cipher both sides accept, or another alert from the server. */
        REFUSED,
        /** The peer closed the connection during the handshake: the one reason that may pass. */
        CLOSED
    }

    private final Reason reason;

    TlsHandshakeFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason is null");
    }

    Reason reason() {
        return reason;
    }

    /** True only for a handshake the peer cut off: everything else fails the same way when tried again. */
    boolean mayPass() {
        return reason == Reason.CLOSED;
    }
}
