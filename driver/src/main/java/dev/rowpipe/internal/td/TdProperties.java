package dev.rowpipe.internal.td;

import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import java.util.ArrayList;
import java.util.List;

/** Connection properties of {@code jdbc:td:}. */
public final class TdProperties {
    private TdProperties() {
    }

    /** How a job option's description says it can be changed after connecting. */
    private static String perStatement(String name) {
        return "; for later jobs SET td." + name + " = value, for one statement "
                + "RowpipeStatement.setStatementOption(\"" + name + "\", value)";
    }

    public static final ConnectionProperty<String> APIKEY = ConnectionProperty.secret("apikey",
            "Treasure Data API key (sent as 'Authorization: TD1 <key>')");

    /** BI tools often offer only user/password fields: the password is taken as the API key when apikey is absent. */
    public static final ConnectionProperty<String> PASSWORD = ConnectionProperty.secret("password",
            "Used as the API key when apikey is not set");

    public static final ConnectionProperty<String> USER = ConnectionProperty.string("user",
            "Accepted for tools that always send a user name; Treasure Data ignores it", null);

    public static final ConnectionProperty<String> SITE = ConnectionProperty.choice("site",
            "Treasure Data site whose API host to use: us01 (api.treasuredata.com), jp01 (api.treasuredata.co.jp), "
                    + "eu01 (api.eu01.treasuredata.com), ap02 (api.ap02.treasuredata.com), ap03 "
                    + "(api.ap03.treasuredata.com); without it the URL's host, else us01. A URL that names a host "
                    + "as well must name the site's; sites are https only", null, TdSite.NAMES);

    public static final ConnectionProperty<Boolean> USE_SSL = ConnectionProperty.bool("useSSL",
            "Connect with https (false = plain http, for local stand-ins)", true);

    public static final ConnectionProperty<String> TYPE = ConnectionProperty.choice("type",
            "Query engine of issued jobs; presto and trino read literals the same (standard SQL) and the job type "
                    + "is sent as given", "hive", List.of("hive", "presto", "trino"));

    public static final ConnectionProperty<Integer> PRIORITY = ConnectionProperty.integer("priority",
            "Job priority from -2 (very low) to 2 (very high)" + perStatement("priority"), 0, -2, 2);

    public static final ConnectionProperty<String> RESULT_FORMAT = ConnectionProperty.choice("result_format",
            "Format the job result is downloaded in. When not set, a result with a DECIMAL wider than 15 digits is "
                    + "downloaded as json, since msgpack carries decimals as doubles; a DECIMAL value a chosen msgpack "
                    + "format cannot carry exactly is an error (22003) rather than a guess",
            "msgpack.gz", List.of("msgpack.gz", "msgpack", "json", "tsv", "csv"));

    public static final ConnectionProperty<Integer> RETRY_LIMIT = ConnectionProperty.integer("retry_limit",
            "How often Treasure Data itself retries a failed job (sent only when set)" + perStatement("retry_limit"),
            0, 0, 100);

    public static final ConnectionProperty<String> POOL_NAME = ConnectionProperty.string("pool_name",
            "Resource pool of issued jobs (sent only when set)" + perStatement("pool_name"), null);

    public static final ConnectionProperty<String> ENGINE_VERSION = ConnectionProperty.string("engine_version",
            "Engine version of issued jobs, as Treasure Data names them (sent only when set)"
                    + perStatement("engine_version"), null);

    public static final ConnectionProperty<Integer> POLL_INITIAL_MS = ConnectionProperty.integer("poll_initial_ms",
            "First delay in milliseconds between job status checks; doubles up to poll_max_ms", 50, 1, 60000);

    public static final ConnectionProperty<Integer> POLL_MAX_MS = ConnectionProperty.integer("poll_max_ms",
            "Longest delay in milliseconds between job status checks", 2000, 1, 600000);

    public static final ConnectionProperty<Integer> JOB_TIMEOUT = ConnectionProperty.integer("job_timeout",
            "Seconds a job may take before the driver kills it and fails with HYT00 (0 = no limit)", 0, 0,
            Integer.MAX_VALUE);

    /** What a statement may set for itself (RowpipeStatement.setStatementOption, SET td.NAME = value). */
    public static final List<ConnectionProperty<?>> JOB_OPTIONS = List.of(PRIORITY, RETRY_LIMIT, POOL_NAME,
            ENGINE_VERSION);

    public static final List<ConnectionProperty<?>> ALL;

    static {
        List<ConnectionProperty<?>> all = new ArrayList<>(List.of(APIKEY, PASSWORD, USER, SITE, USE_SSL, TYPE,
                PRIORITY, RESULT_FORMAT, RETRY_LIMIT, POOL_NAME, ENGINE_VERSION, POLL_INITIAL_MS, POLL_MAX_MS,
                JOB_TIMEOUT));
        all.addAll(CommonProperties.ALL);
        ALL = List.copyOf(all);
    }
}
