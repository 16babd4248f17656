package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.settings.UrlParser;
import dev.rowpipe.internal.spi.Backend;
import dev.rowpipe.internal.spi.Session;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code jdbc:firebolt://HOST[:PORT][/DATABASE]?..} or {@code jdbc:firebolt:[DATABASE]?..}, for the three APIs a
 * Firebolt connection may speak ({@link FireboltTarget}): v1 (HOST is the API host, default {@code api.app.firebolt.io},
 * through which the engine endpoint is looked up), the 2.0 platform (HOST, when given, serves the sign-in and the
 * account discovery; by default Firebolt's hosts of the {@code environment}) and Firebolt Core ({@code url=}).
 */
public final class FireboltBackend implements Backend {
    public static final String DEFAULT_HOST = "api.app.firebolt.io";

    private final Pacer pacer;
    private final TokenCache tokens;
    private final DiscoveryCache discovery;

    public FireboltBackend() {
        this(Pacer.system(), TokenCache.JVM, DiscoveryCache.JVM);
    }

    /** Tests pass a fake pacer and a token cache of their own (and a discovery cache of the backend's own). */
    FireboltBackend(Pacer pacer, TokenCache tokens) {
        this(pacer, tokens, new DiscoveryCache());
    }

    FireboltBackend(Pacer pacer, TokenCache tokens, DiscoveryCache discovery) {
        this.pacer = pacer;
        this.tokens = tokens;
        this.discovery = discovery;
    }

    @Override
    public String subprotocol() {
        return "firebolt";
    }

    @Override
    public List<ConnectionProperty<?>> properties() {
        return FireboltProperties.ALL;
    }

    /** The URL's database is optional here: 2.0 and Core connect without one, v1 needs one ({@link FireboltTarget}). */
    @Override
    public ParsedUrl parseUrl(String url) throws SQLException {
        return UrlParser.parse(url, subprotocol(), DEFAULT_HOST, "");
    }

    /** Chooses v1, 2.0 or Core from the settings ({@link FireboltTarget}) and opens that session. */
    @Override
    public Session open(Settings settings) throws SQLException {
        FireboltTarget target = FireboltTarget.of(settings);
        return switch (target.protocol()) {
            case V1 -> FireboltSession.open(settings, target, pacer, tokens);
            case V2, CORE -> Firebolt2Session.open(settings, target, pacer, tokens, discovery);
        };
    }
}
