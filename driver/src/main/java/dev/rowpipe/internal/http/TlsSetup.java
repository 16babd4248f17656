package dev.rowpipe.internal.http;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The TLS side of a transport, loaded once per connection by {@link TlsMaterial}.
 *
 * @param context      trust (and client key) material of this connection alone
 * @param verifyServer false only for {@code ssl_mode=none}: neither the chain nor the host name is checked
 * @param trusted      what the connection trusts, for messages (e.g. "the Java runtime's default trust store")
 * @param sslSwitch    the name of the backend's TLS on/off property, for the plain-HTTP hint
 */
public record TlsSetup(SSLContext context, boolean verifyServer, String trusted, String sslSwitch) {

    public TlsSetup {
        Objects.requireNonNull(context, "context is null");
        Objects.requireNonNull(trusted, "trusted is null");
        Objects.requireNonNull(sslSwitch, "sslSwitch is null");
    }

    /** Strict verification against the Java runtime's default trust store. */
    public static TlsSetup jdkDefault() {
        return TlsMaterial.jdkDefault();
    }
}
