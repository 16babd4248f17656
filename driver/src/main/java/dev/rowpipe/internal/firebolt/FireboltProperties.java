package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import java.util.ArrayList;
import java.util.List;

/** Connection properties of {@code jdbc:firebolt:} URLs. */
public final class FireboltProperties {
    private FireboltProperties() {
    }

    public static final String JSON = "JSON";
    public static final String JSON_COMPACT = "JSON_Compact";
    public static final String TSV = "TabSeparatedWithNamesAndTypes";

    public static final ConnectionProperty<String> USER = ConnectionProperty.string("user",
            "Firebolt user name (e-mail) used to log in", null);

    public static final ConnectionProperty<String> PASSWORD = ConnectionProperty.secret("password",
            "Firebolt password");

    public static final ConnectionProperty<String> ACCOUNT = ConnectionProperty.string("account",
            "Firebolt account name, sent when looking up engine ids", null);

    public static final ConnectionProperty<String> ENGINE = ConnectionProperty.string("engine",
            "Engine to run queries on; when absent, the default engine of the database", null);

    public static final ConnectionProperty<Boolean> SSL = ConnectionProperty.bool("ssl",
            "Use https to the API host and the engine endpoint; false means plain http to both", true);

    public static final ConnectionProperty<Boolean> AUTO_START = ConnectionProperty.bool("auto_start",
            "Start the named engine when it is not running and wait until it serves queries", false);

    public static final ConnectionProperty<String> OUTPUT_FORMAT = ConnectionProperty.choice("output_format",
            "Result format requested from the engine", TSV, List.of(JSON, JSON_COMPACT, TSV));

    public static final ConnectionProperty<Integer> ENGINE_START_TIMEOUT = ConnectionProperty.integer(
            "engine_start_timeout", "Seconds to wait for an engine started by auto_start to serve queries",
            300, 1, 86400);

    public static final List<ConnectionProperty<?>> ALL;

    static {
        List<ConnectionProperty<?>> all = new ArrayList<>(List.of(USER, PASSWORD, ACCOUNT, ENGINE, SSL, AUTO_START,
                OUTPUT_FORMAT, ENGINE_START_TIMEOUT));
        all.addAll(CommonProperties.ALL);
        ALL = List.copyOf(all);
    }
}
