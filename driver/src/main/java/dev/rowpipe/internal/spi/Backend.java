package dev.rowpipe.internal.spi;

import dev.rowpipe.internal.settings.Settings;
import java.sql.SQLException;

/**
 * One cloud service (Firebolt, Treasure Data). The JDBC layer knows nothing of either service: it parses
 * settings with {@link #properties()}, then opens a {@link Session} per connection.
 */
public interface Backend {
    /** The URL sub-protocol this backend serves, e.g. {@code firebolt} for {@code jdbc:firebolt:}. */
    String subprotocol();

    /** Every property this backend accepts (the shared ones included), for validation and getPropertyInfo. */
    java.util.List<dev.rowpipe.internal.settings.ConnectionProperty<?>> properties();

    /**
     * Parses the URL into raw key/value pairs plus host/port/db with {@code UrlParser} (adding only checks of its
     * own): the driver redacts URLs with that parser, so a different grammar here could show a secret.
     */
    dev.rowpipe.internal.settings.ParsedUrl parseUrl(String url) throws SQLException;

    /** Opens a session: authenticates and resolves endpoints once. */
    Session open(Settings settings) throws SQLException;
}
