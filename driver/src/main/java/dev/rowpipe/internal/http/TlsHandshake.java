package dev.rowpipe.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The TLS handshake of every connection, direct or through a proxy tunnel: bounded by the connect timeout, and a
 * failure turned into a {@link TlsHandshakeFailure} that says what is wrong and what to set. A server that does not
 * answer the handshake, or answers it with something that is not TLS, is asked once more in plain HTTP on a new
 * connection (direct connections only): when that answers {@code HTTP/}, the message says so and names the switch
 * that turns TLS off, instead of leaving the user with a timeout.
 */
final class TlsHandshake implements TlsSocketStrategy {
    /** How long the plain-HTTP probe of a failed handshake may take. */
    private static final int PROBE_MILLIS = 2000;

    private final TlsSocketStrategy delegate;
    private final TlsSetup setup;
    private final int timeoutMillis;
    private final boolean direct;

    TlsHandshake(TlsSetup setup, int timeoutMillis, boolean direct) {
        this.setup = setup;
        this.timeoutMillis = timeoutMillis;
        this.direct = direct;
        this.delegate = setup.verifyServer()
                // JSSE checks the chain and the host name (HTTPS endpoint identification).
                ? new DefaultClientTlsStrategy(setup.context())
                : new DefaultClientTlsStrategy(setup.context(), HostnameVerificationPolicy.CLIENT,
                        NoopHostnameVerifier.INSTANCE);
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException {
        int before = socket.getSoTimeout();
        InetSocketAddress peer = socket.getRemoteSocketAddress() instanceof InetSocketAddress a ? a : null;
        socket.setSoTimeout(timeoutMillis);
        SSLSocket upgraded;
        try {
            upgraded = delegate.upgrade(socket, target, port, attachment, context);
        } catch (SocketTimeoutException e) {
            throw failure(e, target, port, peer, true);
        } catch (SSLException e) {
            throw failure(e, target, port, peer, false);
        } catch (SocketException e) {
            throw new TlsHandshakeFailure(TlsHandshakeFailure.Reason.CLOSED, where(target, port)
                    + " was cut off by the server: " + e.getMessage(), e);
        }
        socket.setSoTimeout(before);
        return upgraded;
    }

    private TlsHandshakeFailure failure(IOException e, String target, int port, InetSocketAddress peer,
                                        boolean timedOut) {
        String where = where(target, port);
        if (timedOut || notTls(e)) {
            if (direct && peer != null && answersPlainHttp(peer, target)) {
                return new TlsHandshakeFailure(TlsHandshakeFailure.Reason.PLAIN_HTTP, target + ":" + port
                        + " answered in plain HTTP, not TLS: use " + setup.sslSwitch() + "=false", e);
            }
            return timedOut
                    ? new TlsHandshakeFailure(TlsHandshakeFailure.Reason.TIMEOUT, where + " got no answer within "
                    + timeoutMillis / 1000 + " s (connect_timeout); if that port speaks plain HTTP, use "
                    + setup.sslSwitch() + "=false", e)
                    : new TlsHandshakeFailure(TlsHandshakeFailure.Reason.NOT_TLS, where + ": the server did not "
                    + "answer in TLS (" + e.getMessage() + "); if that port speaks plain HTTP, use "
                    + setup.sslSwitch() + "=false", e);
        }
        Throwable certificate = find(e, CertificateException.class, CertPathValidatorException.class,
                CertPathBuilderException.class);
        if (certificate instanceof CertificateExpiredException
                || certificate instanceof CertificateNotYetValidException) {
            return new TlsHandshakeFailure(TlsHandshakeFailure.Reason.INVALID_CERTIFICATE, where + ": the server's "
                    + "certificate is not valid now (" + certificate.getMessage() + ")", e);
        }
        String text = messages(e);
        if (certificate != null && (text.contains("no subject alternative") || text.contains("no name matching"))) {
            return new TlsHandshakeFailure(TlsHandshakeFailure.Reason.HOST_NAME_MISMATCH, where + ": the server's "
                    + "certificate does not name the host '" + target + "' (" + certificate.getMessage()
                    + "); connect with the name the certificate was made for", e);
        }
        if (certificate != null && (text.contains("path") || text.contains("trust anchor"))) {
            return new TlsHandshakeFailure(TlsHandshakeFailure.Reason.UNTRUSTED_CERTIFICATE, where + ": the "
                    + "server's certificate is not signed by an authority this connection trusts (" + setup.trusted()
                    + "); name the authority with ssl_certificate_path (a PEM file) or ssl_trust_store, or use "
                    + "ssl_trust=system", e);
        }
        if (certificate != null) {
            return new TlsHandshakeFailure(TlsHandshakeFailure.Reason.INVALID_CERTIFICATE, where + ": the server's "
                    + "certificate was rejected (" + certificate.getMessage() + ")", e);
        }
        if (clientCertificateRejected(text)) {
            return clientCertificateFailure(where, e);
        }
        if (e.getCause() instanceof SocketException || e.getCause() instanceof java.io.EOFException
                || text.contains("remote host terminated the handshake")) {
            return new TlsHandshakeFailure(TlsHandshakeFailure.Reason.CLOSED, where + " was cut off by the server: "
                    + e.getMessage(), e);
        }
        return new TlsHandshakeFailure(TlsHandshakeFailure.Reason.REFUSED, where + " failed: " + e.getMessage(), e);
    }

    /** A TLS 1.3 server rejects a client certificate after the client's side of the handshake, on the first read. */
    static boolean clientCertificateRejected(String lowerCaseMessages) {
        return lowerCaseMessages.contains("certificate_required") || lowerCaseMessages.contains("bad_certificate");
    }

    static TlsHandshakeFailure clientCertificateFailure(String where, Throwable e) {
        return new TlsHandshakeFailure(TlsHandshakeFailure.Reason.CLIENT_CERTIFICATE_REJECTED, where + ": the server "
                + "requires a client certificate it accepts (" + e.getMessage() + "); set ssl_key_store and "
                + "ssl_key_store_password", e);
    }

    private static String where(String target, int port) {
        return "The TLS handshake with " + target + ":" + port;
    }

    private static boolean notTls(IOException e) {
        String text = messages(e);
        return text.contains("unrecognized ssl message") || text.contains("plaintext connection")
                || text.contains("unsupported or unrecognized");
    }

    /** Every message of the cause chain, lower case, for matching the JDK's words. */
    static String messages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                out.append(t.getMessage().toLowerCase(Locale.ROOT)).append(" | ");
            }
        }
        return out.toString();
    }

    @SafeVarargs
    private static Throwable find(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Sends {@code HEAD / HTTP/1.0} in plain text and tells whether the answer starts like HTTP. */
    private static boolean answersPlainHttp(InetSocketAddress peer, String host) {
        try (Socket probe = new Socket()) {
            probe.connect(peer, PROBE_MILLIS);
            probe.setSoTimeout(PROBE_MILLIS);
            OutputStream out = probe.getOutputStream();
            out.write(("HEAD / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = probe.getInputStream();
            byte[] head = in.readNBytes(5);
            return new String(head, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
