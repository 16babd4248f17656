package dev.rowpipe.internal.http;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.Settings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Loads a connection's TLS material from its properties into an {@link SSLContext} of its own: the authorities it
 * trusts ({@code ssl_certificate_path}, {@code ssl_trust_store}, or {@code ssl_trust}), the client certificate it
 * presents ({@code ssl_key_store}), and whether the server is verified at all ({@code ssl_mode}). Every problem
 * fails the connection with an SQLException (08001) naming the property and the file, never a password.
 */
final class TlsMaterial {
    private static final Logger LOG = Logger.getLogger(TlsMaterial.class.getName());
    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");
    /** CA bundles of Linux distributions and BSDs, in the order they are looked for. */
    private static final List<Path> SYSTEM_BUNDLES = List.of(Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"), Path.of("/etc/ssl/ca-bundle.pem"),
            Path.of("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"), Path.of("/etc/ssl/cert.pem"));
    private static final String JDK_TRUST = "the Java runtime's default trust store";

    private TlsMaterial() {
    }

    static TlsSetup jdkDefault() {
        try {
            return new TlsSetup(context(null, jdkTrust()), true, JDK_TRUST, "ssl");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The Java runtime has no usable default TLS trust: " + e, e);
        }
    }

    static TlsSetup load(Settings settings, ConnectionProperty<Boolean> sslSwitch) throws SQLException {
        checkPairs(settings);
        boolean verify = !CommonProperties.SSL_MODE_NONE.equals(settings.get(CommonProperties.SSL_MODE));
        Path pem = settings.get(CommonProperties.SSL_CERTIFICATE_PATH);
        Path store = settings.get(CommonProperties.SSL_TRUST_STORE);
        try {
            TrustManager[] trust;
            String trusted;
            if (!verify) {
                trust = new TrustManager[] {new TrustingNothingChecked()};
                trusted = "nothing checked (ssl_mode=none)";
                if (settings.get(sslSwitch)) {
                    LOG.warning("TLS verification is off for this connection to " + settings.host()
                            + " (ssl_mode=none): neither the server's certificate nor its host name is checked, so "
                            + "anyone on the network path can read and change the traffic, credentials included");
                }
            } else if (pem != null) {
                trust = trustManagers(pemTrustStore(pem));
                trusted = "the certificates of ssl_certificate_path '" + pem + "'";
            } else if (store != null) {
                trust = trustManagers(trustStore(settings, store));
                trusted = "the trust store ssl_trust_store '" + store + "'";
            } else if (CommonProperties.SSL_TRUST_SYSTEM.equals(settings.get(CommonProperties.SSL_TRUST))) {
                SystemTrust system = systemTrust();
                trust = trustManagers(system.store());
                trusted = "the operating system's trust store (" + system.name() + ")";
            } else {
                trust = jdkTrust();
                trusted = JDK_TRUST;
            }
            KeyManager[] keys = keyManagers(settings);
            return new TlsSetup(context(keys, trust), verify, trusted, sslSwitch.name());
        } catch (GeneralSecurityException e) {
            throw invalid("The TLS material of this connection cannot be used: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    /** Properties that only mean something together, and choices that exclude each other. */
    private static void checkPairs(Settings settings) throws SQLException {
        boolean pem = settings.isSet(CommonProperties.SSL_CERTIFICATE_PATH);
        boolean store = settings.isSet(CommonProperties.SSL_TRUST_STORE);
        if (pem && store) {
            throw invalid("Set either ssl_certificate_path or ssl_trust_store, not both");
        }
        if ((pem || store) && settings.isSet(CommonProperties.SSL_TRUST)) {
            throw invalid("ssl_trust cannot be combined with " + (pem ? "ssl_certificate_path" : "ssl_trust_store")
                    + ", which replaces it");
        }
        requires(settings, CommonProperties.SSL_TRUST_STORE_PASSWORD, CommonProperties.SSL_TRUST_STORE);
        requires(settings, CommonProperties.SSL_TRUST_STORE_TYPE, CommonProperties.SSL_TRUST_STORE);
        requires(settings, CommonProperties.SSL_KEY_STORE_PASSWORD, CommonProperties.SSL_KEY_STORE);
        requires(settings, CommonProperties.SSL_KEY_STORE_TYPE, CommonProperties.SSL_KEY_STORE);
    }

    private static void requires(Settings settings, ConnectionProperty<?> given, ConnectionProperty<?> needed)
            throws SQLException {
        if (settings.isSet(given) && !settings.isSet(needed)) {
            throw invalid("Connection property '" + given.name() + "' is set but " + needed.name() + " is not");
        }
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context;
    }

    private static TrustManager[] jdkTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return factory.getTrustManagers();
    }

    private static TrustManager[] trustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** Every certificate of a PEM file (a bundle may carry comments between them) as trusted entries. */
    static KeyStore pemTrustStore(Path file) throws SQLException, GeneralSecurityException {
        String property = "ssl_certificate_path '" + file + "'";
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw invalid(property + " cannot be read: " + e.getMessage(), e);
        }
        List<Certificate> certificates = pemCertificates(text, property);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new KeyStoreException(e);
        }
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        return store;
    }

    private static List<Certificate> pemCertificates(String text, String property) throws SQLException,
            CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> out = new ArrayList<>();
        Matcher m = PEM_CERTIFICATE.matcher(text);
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(1));
                out.add(factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (IllegalArgumentException | CertificateException e) {
                throw invalid("Certificate " + (out.size() + 1) + " of " + property + " is not a readable X.509 "
                        + "certificate: " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw invalid(property + " holds no PEM certificate (-----BEGIN CERTIFICATE----- ... "
                    + "-----END CERTIFICATE-----)");
        }
        return out;
    }

    private static KeyStore trustStore(Settings settings, Path file) throws SQLException, GeneralSecurityException {
        KeyStore store = keyStore(file, settings.get(CommonProperties.SSL_TRUST_STORE_TYPE),
                settings.get(CommonProperties.SSL_TRUST_STORE_PASSWORD), CommonProperties.SSL_TRUST_STORE,
                CommonProperties.SSL_TRUST_STORE_PASSWORD, CommonProperties.SSL_TRUST_STORE_TYPE);
        boolean anyCertificate = false;
        for (String alias : Collections.list(store.aliases())) {
            anyCertificate |= store.getCertificate(alias) != null;
        }
        if (!anyCertificate) {
            throw invalid("ssl_trust_store '" + file + "' holds no certificate to trust");
        }
        return store;
    }

    private static KeyManager[] keyManagers(Settings settings) throws SQLException, GeneralSecurityException {
        Path file = settings.get(CommonProperties.SSL_KEY_STORE);
        if (file == null) {
            return null;
        }
        String password = settings.get(CommonProperties.SSL_KEY_STORE_PASSWORD);
        KeyStore store = keyStore(file, settings.get(CommonProperties.SSL_KEY_STORE_TYPE), password,
                CommonProperties.SSL_KEY_STORE, CommonProperties.SSL_KEY_STORE_PASSWORD,
                CommonProperties.SSL_KEY_STORE_TYPE);
        boolean anyKey = false;
        for (String alias : Collections.list(store.aliases())) {
            anyKey |= store.isKeyEntry(alias);
        }
        if (!anyKey) {
            throw invalid("ssl_key_store '" + file + "' holds no private key (a client certificate needs its key)");
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        try {
            factory.init(store, password == null ? new char[0] : password.toCharArray());
        } catch (UnrecoverableKeyException e) {
            throw invalid("Connection property 'ssl_key_store_password' does not open the private key in "
                    + "ssl_key_store '" + file + "'", e);
        }
        return factory.getKeyManagers();
    }

    private static KeyStore keyStore(Path file, String type, String password, ConnectionProperty<?> pathProperty,
                                     ConnectionProperty<?> passwordProperty, ConnectionProperty<?> typeProperty)
            throws SQLException {
        KeyStore store;
        try {
            store = KeyStore.getInstance(type.strip());
        } catch (KeyStoreException e) {
            throw invalid("Connection property '" + typeProperty.name() + "' value '" + type
                    + "' is not a key store type this Java runtime knows (PKCS12, JKS, ...)", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || isPasswordFailure(e)) {
                throw invalid("Connection property '" + passwordProperty.name() + "' "
                        + (password == null ? "is needed to open " : "does not open ") + pathProperty.name() + " '"
                        + file + "'", e);
            }
            throw invalid(pathProperty.name() + " '" + file + "' is not a " + type + " key store ("
                    + typeProperty.name() + "): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw invalid(pathProperty.name() + " '" + file + "' cannot be read as a " + type + " key store: "
                    + e.getMessage(), e);
        }
    }

    private static boolean isPasswordFailure(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("password") || message.contains("mac check failed");
    }

    private record SystemTrust(KeyStore store, String name) { }

    /** The operating system's own store: Windows and macOS through their key store types, elsewhere a CA bundle. */
    private static SystemTrust systemTrust() throws SQLException, GeneralSecurityException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> types = os.startsWith("windows") ? List.of("Windows-ROOT")
                : os.startsWith("mac") ? List.of("KeychainStore-ROOT", "KeychainStore") : List.of();
        for (String type : types) {
            try {
                KeyStore store = KeyStore.getInstance(type);
                store.load(null, null);
                return new SystemTrust(store, type);
            } catch (KeyStoreException | IOException e) {
                // Not offered by this Java runtime: try the next one.
            }
        }
        for (Path bundle : SYSTEM_BUNDLES) {
            if (Files.isRegularFile(bundle) && Files.isReadable(bundle)) {
                String text;
                try {
                    text = Files.readString(bundle, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    continue;
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                try {
                    store.load(null, null);
                } catch (IOException e) {
                    throw new KeyStoreException(e);
                }
                List<Certificate> certificates = pemCertificates(text, "The system CA bundle '" + bundle + "'");
                for (int i = 0; i < certificates.size(); i++) {
                    store.setCertificateEntry("system-" + i, certificates.get(i));
                }
                return new SystemTrust(store, bundle.toString());
            }
        }
        throw invalid("ssl_trust=system: no trust store of the operating system was found (looked for "
                + (types.isEmpty() ? "" : String.join(", ", types) + ", ") + SYSTEM_BUNDLES
                + "): use ssl_trust=jdk or ssl_certificate_path");
    }

    private static SQLException invalid(String message) {
        return SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(message);
    }

    private static SQLException invalid(String message, Throwable cause) {
        return SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(message, cause);
    }

    /**
     * For {@code ssl_mode=none}: accepts any certificate. An extended trust manager, so the Java runtime adds no
     * host name check of its own either.
     */
    private static final class TrustingNothingChecked extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
