package dev.rowpipe.internal.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * Properties every backend accepts: HTTP timeouts and retries, TLS (what is trusted, what is presented, whether the
 * server is verified), an HTTP proxy, the application's name, a progress listener and transactions. All of them
 * are per connection: none reads or sets a JVM-wide setting. Also the keys tools put into the properties they pass
 * ({@link #TOLERATED}).
 */
public final class CommonProperties {
    private CommonProperties() {
    }

    public static final ConnectionProperty<Integer> CONNECT_TIMEOUT = ConnectionProperty.integer("connect_timeout",
            "Seconds to wait for a TCP connection to the service, and again for its TLS handshake", 30, 1, 3600);

    public static final ConnectionProperty<Integer> SOCKET_TIMEOUT = ConnectionProperty.integer("socket_timeout",
            "Seconds a read may wait for the next bytes from the service before the request fails (0 = no limit)",
            0, 0, 86400);

    public static final ConnectionProperty<Integer> RETRIES = ConnectionProperty.integer("retries",
            "How many times a request is sent again after a failure that may pass, with exponential backoff and "
                    + "jitter: a refused connection, 408, 429 and 503 for every request; a broken exchange, 502 and "
                    + "504 only for requests that are harmless to repeat (docs/guarantees.md)", 3, 0, 20);

    public static final ConnectionProperty<Integer> RETRY_BACKOFF_MS = ConnectionProperty.integer("retry_backoff_ms",
            "First retry delay in milliseconds; each further retry doubles it, up to 30 s, with random jitter",
            200, 1, 60000);

    public static final String SSL_MODE_STRICT = "strict";
    public static final String SSL_MODE_NONE = "none";

    public static final ConnectionProperty<String> SSL_MODE = ConnectionProperty.choice("ssl_mode",
            "How the server is verified over TLS: strict checks its certificate chain and host name; none checks "
                    + "nothing (anyone on the network path can read and change the traffic; logged as a WARNING "
                    + "once per connection)", SSL_MODE_STRICT, List.of(SSL_MODE_STRICT, SSL_MODE_NONE))
            .withAliases("sslmode");

    public static final String SSL_TRUST_JDK = "jdk";
    public static final String SSL_TRUST_SYSTEM = "system";

    public static final ConnectionProperty<String> SSL_TRUST = ConnectionProperty.choice("ssl_trust",
            "Certificate authorities trusted when neither ssl_certificate_path nor ssl_trust_store is set: jdk is "
                    + "the Java runtime's default trust store (its cacerts); system is the operating system's "
                    + "(Windows-ROOT, the macOS keychain, or the CA bundle of a Linux distribution)", SSL_TRUST_JDK,
            List.of(SSL_TRUST_JDK, SSL_TRUST_SYSTEM));

    public static final ConnectionProperty<Path> SSL_CERTIFICATE_PATH = ConnectionProperty.file(
            "ssl_certificate_path", "PEM file of the certificate authorities to trust (one or more "
                    + "certificates), instead of ssl_trust").withAliases("sslrootcert");

    public static final ConnectionProperty<Path> SSL_TRUST_STORE = ConnectionProperty.file("ssl_trust_store",
            "Key store file of the certificate authorities to trust, instead of ssl_trust");

    public static final ConnectionProperty<String> SSL_TRUST_STORE_PASSWORD = ConnectionProperty.secret(
            "ssl_trust_store_password", "Password of ssl_trust_store");

    public static final ConnectionProperty<String> SSL_TRUST_STORE_TYPE = ConnectionProperty.string(
            "ssl_trust_store_type", "Type of ssl_trust_store (PKCS12, JKS, or any type the Java runtime knows)",
            "PKCS12");

    public static final ConnectionProperty<Path> SSL_KEY_STORE = ConnectionProperty.file("ssl_key_store",
            "Key store file holding the client certificate and its private key, for servers that require one");

    public static final ConnectionProperty<String> SSL_KEY_STORE_PASSWORD = ConnectionProperty.secret(
            "ssl_key_store_password", "Password of ssl_key_store and of the private key in it");

    public static final ConnectionProperty<String> SSL_KEY_STORE_TYPE = ConnectionProperty.string(
            "ssl_key_store_type", "Type of ssl_key_store (PKCS12, JKS, or any type the Java runtime knows)",
            "PKCS12");

    public static final ConnectionProperty<String> PROXY_HOST = ConnectionProperty.string("proxy_host",
            "HTTP proxy to connect through (https goes through a CONNECT tunnel); none when absent", null);

    public static final ConnectionProperty<Integer> PROXY_PORT = ConnectionProperty.integer("proxy_port",
            "Port of proxy_host", 8080, 1, 65535);

    public static final ConnectionProperty<String> PROXY_USER = ConnectionProperty.string("proxy_user",
            "User name for a proxy that asks for authentication (Basic)", null);

    public static final ConnectionProperty<String> PROXY_PASSWORD = ConnectionProperty.secret("proxy_password",
            "Password of proxy_user");

    /** pgjdbc and SQuirreL call it {@code ApplicationName}; DBeaver and other tools set it under that name. */
    public static final ConnectionProperty<String> APPLICATION_NAME = ConnectionProperty.string("application_name",
            "Name of the application, sent in the User-Agent of every request, reported by "
                    + "getClientInfo(\"ApplicationName\") (setClientInfo replaces it there), and named in the leading "
                    + "comment of Treasure Data jobs", null).withAliases("ApplicationName");

    public static final ConnectionProperty<String> PROGRESS_LISTENER = ConnectionProperty.string(
            "progress_listener", "Name a ProgressListener was registered under with "
                    + "RowpipeDriver.registerProgressListener: it receives the progress of every statement of the "
                    + "connection (for tools that create their own statements)", null);

    public static final ConnectionProperty<Boolean> STRICT_TRANSACTIONS = ConnectionProperty.bool(
            "strict_transactions", "true: setAutoCommit(false) (or autocommit=false) fails with "
                    + "SQLFeatureNotSupportedException on a service without transactions; false: it is accepted with "
                    + "a warning, every statement still commits as it runs, and rollback() fails only if something "
                    + "was written since the last commit", false);
    public static final ConnectionProperty<Integer> MAX_VALUE_BYTES = ConnectionProperty.integer("max_value_bytes",
            "Largest single value a result may hold, in bytes as it arrives (text counted in characters, which are "
                    + "never more than its bytes); a larger one fails the row with an error naming the column, "
                    + "instead of exhausting the heap (docs/guarantees.md)", 16 << 20, 1024, 1 << 30);

    public static final List<ConnectionProperty<?>> ALL = List.of(CONNECT_TIMEOUT, SOCKET_TIMEOUT, RETRIES,
            RETRY_BACKOFF_MS, SSL_MODE, SSL_TRUST, SSL_CERTIFICATE_PATH, SSL_TRUST_STORE, SSL_TRUST_STORE_PASSWORD,
            SSL_TRUST_STORE_TYPE, SSL_KEY_STORE, SSL_KEY_STORE_PASSWORD, SSL_KEY_STORE_TYPE, PROXY_HOST, PROXY_PORT,
            PROXY_USER, PROXY_PASSWORD, APPLICATION_NAME, PROGRESS_LISTENER,
            STRICT_TRANSACTIONS, MAX_VALUE_BYTES);

    /** Hibernate passes {@code hibernate.connection.autocommit} on as {@code autocommit} and also applies it itself. */
    public static final ConnectionProperty<Boolean> AUTOCOMMIT = ConnectionProperty.bool("autocommit",
            "Set by Hibernate (hibernate.connection.autocommit): the connection's first auto-commit mode, as "
                    + "setAutoCommit", true).tolerated();

    /**
     * Keys tools put into the properties they hand to {@code connect}, beside the user's: accepted so the tools work,
     * where a backend does not define the name itself. Timeouts are not mapped onto {@code connect_timeout} and
     * {@code socket_timeout}: their unit differs from driver to driver (pgjdbc seconds, MySQL milliseconds), so a
     * guess could turn 10 s into 10 ms or into hours.
     */
    public static final List<ConnectionProperty<?>> TOLERATED = List.of(AUTOCOMMIT,
            ConnectionProperty.ignored("url", "Set by Spark and other tools (the JDBC URL once more); the URL "
                    + "connect is given is the one used"),
            ConnectionProperty.ignored("dbtable", "A Spark option (older Spark versions passed it on); the driver "
                    + "has no default table"),
            ConnectionProperty.ignored("driver", "A Spark option (the driver class); the driver is already chosen"),
            ConnectionProperty.ignored("connectTimeout", "Set by IDEs; its unit differs between drivers: set "
                    + "connect_timeout (seconds) instead"),
            ConnectionProperty.ignored("socketTimeout", "Set by IDEs; its unit differs between drivers: set "
                    + "socket_timeout (seconds) instead"),
            ConnectionProperty.ignored("loginTimeout", "Set by IDEs; set connect_timeout (seconds) for the "
                    + "connection and setQueryTimeout for statements instead"));
}
