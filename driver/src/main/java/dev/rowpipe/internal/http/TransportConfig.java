package dev.rowpipe.internal.http;

import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.Settings;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Immutable HTTP settings of a session: timeouts, retries, the TLS material and the proxy, all its own (nothing is
 * read from or written to JVM-wide properties beyond the Java runtime's default trust store when that is chosen).
 *
 * @param proxy null for a direct connection
 */
public record TransportConfig(int connectTimeoutSeconds, int socketTimeoutSeconds, int retries,
                              int retryBackoffMillis, String userAgent, TlsSetup tls, ProxySetup proxy) {

    public TransportConfig {
        Objects.requireNonNull(tls, "tls is null");
    }

    /** Strict TLS against the Java runtime's default trust store, no proxy. */
    public TransportConfig(int connectTimeoutSeconds, int socketTimeoutSeconds, int retries, int retryBackoffMillis,
                           String userAgent) {
        this(connectTimeoutSeconds, socketTimeoutSeconds, retries, retryBackoffMillis, userAgent,
                TlsSetup.jdkDefault(), null);
    }

    /**
     * Reads the connection's HTTP properties and loads its TLS material, so a missing file, a wrong password or a
     * bad certificate fails the connection here, naming the property.
     *
     * @param sslSwitch the backend's on/off property for TLS ({@code ssl}, {@code useSSL}), named in the hint when
     *                  a plain-HTTP server answers a TLS handshake
     */
    public static TransportConfig from(Settings settings, String userAgent, ConnectionProperty<Boolean> sslSwitch)
            throws SQLException {
        return new TransportConfig(settings.get(CommonProperties.CONNECT_TIMEOUT),
                settings.get(CommonProperties.SOCKET_TIMEOUT), settings.get(CommonProperties.RETRIES),
                settings.get(CommonProperties.RETRY_BACKOFF_MS), userAgent, TlsMaterial.load(settings, sslSwitch),
                ProxySetup.from(settings));
    }
}
