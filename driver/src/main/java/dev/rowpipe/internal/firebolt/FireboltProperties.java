package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Connection properties of {@code jdbc:firebolt:} URLs, for the three APIs a connection may speak (v1, the 2.0
 * platform, Firebolt Core); {@link FireboltTarget} decides which one and which properties go with it.
 */
public final class FireboltProperties {
    private FireboltProperties() {
    }

    public static final String JSON = "JSON";
    public static final String JSON_COMPACT = "JSON_Compact";
    public static final String JSON_LINES_COMPACT = "JSONLines_Compact";
    public static final String TSV = "TabSeparatedWithNamesAndTypes";

    public static final String PROTOCOL_AUTO = "auto";
    public static final String PROTOCOL_V1 = "v1";
    public static final String PROTOCOL_V2 = "v2";
    public static final String PROTOCOL_CORE = "core";

    public static final ConnectionProperty<String> USER = ConnectionProperty.string("user",
            "v1: the e-mail you log in with; 2.0: a service account's client id (what BI tools send as the user "
            + "name; same as client_id). Firebolt Core ignores it", null);

    public static final ConnectionProperty<String> PASSWORD = ConnectionProperty.secret("password",
            "v1: the password; 2.0: the service account's secret (same as client_secret). Firebolt Core ignores it");

    public static final ConnectionProperty<String> CLIENT_ID = ConnectionProperty.string("client_id",
            "2.0: the service account's client id (user is accepted instead)", null);

    public static final ConnectionProperty<String> CLIENT_SECRET = ConnectionProperty.secret("client_secret",
            "2.0: the service account's secret (password is accepted instead)");

    public static final ConnectionProperty<String> ACCOUNT = ConnectionProperty.string("account",
            "Firebolt account name; 2.0: required (its system engine is looked up by it); v1: sent when looking up "
            + "engine ids", null);

    public static final ConnectionProperty<String> ENVIRONMENT = ConnectionProperty.string("environment",
            "The Firebolt environment that names the service hosts, id.<environment>.firebolt.io (2.0 sign-in) and "
            + "api.<environment>.firebolt.io, when the URL names no other host", "app").withAliases("env");

    public static final ConnectionProperty<String> DATABASE = ConnectionProperty.string("database",
            "The database, for URLs that name none (jdbc:firebolt:?database=db); naming two different ones is an "
            + "error. v1: required; 2.0: sent as USE DATABASE at connect; Core: checked with USE DATABASE", null);

    public static final ConnectionProperty<String> ENGINE = ConnectionProperty.string("engine",
            "Engine to run queries on; v1: when absent, the default engine of the database; 2.0: sent as USE ENGINE "
            + "at connect, when absent queries run on the account's system engine", null).withAliases("engine_name");

    public static final ConnectionProperty<String> URL = ConnectionProperty.string("url",
            "Firebolt Core: the engine's URL with scheme and port (http://localhost:3473); connects to Core, which "
            + "takes no sign-in. A jdbc: URL here (Spark and other tools repeat the JDBC URL under this key) is "
            + "ignored", null);

    public static final ConnectionProperty<String> PROTOCOL = ConnectionProperty.choice("protocol",
            "The Firebolt API to speak: auto (url -> Core; client_id, or a user without '@' -> 2.0; an e-mail user "
            + "-> v1), v1, v2 (the 2.0 platform: service accounts, system engine) or core", PROTOCOL_AUTO,
            List.of(PROTOCOL_AUTO, PROTOCOL_V1, PROTOCOL_V2, PROTOCOL_CORE));

    public static final ConnectionProperty<Boolean> SSL = ConnectionProperty.bool("ssl",
            "Use https to the service hosts and the engines; false means plain http to all of them (v1 and 2.0; "
            + "Core's url names its scheme)", true);

    public static final ConnectionProperty<Boolean> AUTO_START = ConnectionProperty.bool("auto_start",
            "v1: start the named engine when it is not running and wait until it serves queries (2.0 engines start "
            + "themselves when queried)", false);

    public static final ConnectionProperty<String> OUTPUT_FORMAT = ConnectionProperty.choice("output_format",
            "Result format requested from the engine (JSON: v1 only; JSONLines_Compact: 2.0 and Core only)", TSV,
            List.of(JSON, JSON_COMPACT, JSON_LINES_COMPACT, TSV));

    public static final ConnectionProperty<String> COMPRESS = ConnectionProperty.choice("compress",
            "How results are compressed on the way: lz4 asks the engine for its LZ4 blocks (compress=1, checksummed), "
            + "gzip asks for Content-Encoding: gzip (Accept-Encoding; a server without it answers uncompressed), "
            + "none for neither; true and false, the official driver's spellings, mean lz4 and none. v1 engines, "
            + "2.0 user engines and Core (the 2.0 system engine is never asked). See docs/performance.md for the "
            + "measurements behind the default",
            "lz4", List.of("lz4", "gzip", "none", "true", "false"));

    public static final ConnectionProperty<Integer> ENGINE_START_TIMEOUT = ConnectionProperty.integer(
            "engine_start_timeout", "v1: seconds to wait for an engine started by auto_start to serve queries",
            300, 1, 86400);

    public static final List<ConnectionProperty<?>> ALL;

    static {
        List<ConnectionProperty<?>> all = new ArrayList<>(List.of(USER, PASSWORD, CLIENT_ID, CLIENT_SECRET, ACCOUNT,
                ENVIRONMENT, DATABASE, ENGINE, URL, PROTOCOL, SSL, AUTO_START, OUTPUT_FORMAT, COMPRESS,
                ENGINE_START_TIMEOUT));
        all.addAll(CommonProperties.ALL);
        ALL = List.copyOf(all);
    }
}
