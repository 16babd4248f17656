package dev.rowpipe.internal.http;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.Settings;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP proxy of one connection ({@code proxy_host}, {@code proxy_port}, {@code proxy_user},
 * {@code proxy_password}); https goes through it in a CONNECT tunnel.
 *
 * @param user     null when the proxy asks for no credentials
 * @param password null when {@code user} is null; a secret, left out of {@link #toString()}
 */
public record ProxySetup(String host, int port, String user, String password) {

    public ProxySetup {
        Objects.requireNonNull(host, "host is null");
    }

    /** The connection's proxy, or null when {@code proxy_host} is not set. */
    static ProxySetup from(Settings settings) throws SQLException {
        String host = settings.get(CommonProperties.PROXY_HOST);
        String user = settings.get(CommonProperties.PROXY_USER);
        boolean password = settings.isSet(CommonProperties.PROXY_PASSWORD);
        if (host == null || host.isBlank()) {
            for (ConnectionProperty<?> p : List.of(CommonProperties.PROXY_PORT, CommonProperties.PROXY_USER,
                    CommonProperties.PROXY_PASSWORD)) {
                if (settings.isSet(p)) {
                    throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                            "Connection property '" + p.name() + "' is set but proxy_host is not");
                }
            }
            return null;
        }
        if (password && (user == null || user.isEmpty())) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Connection property 'proxy_password' is set but proxy_user is not");
        }
        return new ProxySetup(host.strip(), settings.get(CommonProperties.PROXY_PORT),
                user == null || user.isEmpty() ? null : user,
                user == null || user.isEmpty() ? null : settings.get(CommonProperties.PROXY_PASSWORD));
    }

    @Override
    public String toString() {
        return "ProxySetup{" + host + ":" + port + (user == null ? "" : ", user=" + user + ", password=***") + "}";
    }
}
