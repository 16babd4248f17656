package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.settings.UrlParser;
import dev.rowpipe.internal.spi.Backend;
import dev.rowpipe.internal.spi.Session;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code jdbc:firebolt://HOST[:PORT]/DATABASE?..} or {@code jdbc:firebolt:DATABASE?..}; HOST is the API host
 * (default {@code api.app.firebolt.io}); the engine endpoint is looked up through it.
 */
public final class FireboltBackend implements Backend {
    public static final String DEFAULT_HOST = "api.app.firebolt.io";

    private final Pacer pacer;
    private final FireboltAuth.TokenCache tokens;

    public FireboltBackend() {
        this(Pacer.system(), FireboltAuth.TokenCache.JVM);
    }

    /** Tests pass a fake pacer and a token cache of their own. */
    FireboltBackend(Pacer pacer, FireboltAuth.TokenCache tokens) {
        this.pacer = pacer;
        this.tokens = tokens;
    }

    @Override
    public String subprotocol() {
        return "firebolt";
    }

    @Override
    public List<ConnectionProperty<?>> properties() {
        return FireboltProperties.ALL;
    }

    @Override
    public ParsedUrl parseUrl(String url) throws SQLException {
        ParsedUrl parsed = UrlParser.parse(url, subprotocol(), DEFAULT_HOST, "");
        if (parsed.database() == null || parsed.database().isEmpty()) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "A Firebolt URL needs a database: jdbc:firebolt://HOST/DATABASE or "
                    + "jdbc:firebolt:DATABASE");
        }
        return parsed;
    }

    @Override
    public Session open(Settings settings) throws SQLException {
        return FireboltSession.open(settings, pacer, tokens);
    }
}
