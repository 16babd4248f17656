package dev.rowpipe.local.firebolt2;

import java.io.OutputStream;
import java.util.Locale;

/** The 2.0 {@code output_format} values; without one an engine answers TabSeparatedWithNamesAndTypes. */
enum OutputFormat {
    TSV(Long.MAX_VALUE),
    JSON_COMPACT(Long.MAX_VALUE),
    /** JSON_Compact for UIs: at most 10,000 rows, the rest is not sent. */
    JSON_COMPACT_LIMITED(10_000),
    JSON_LINES_COMPACT(Long.MAX_VALUE);

    static final String KNOWN = "TabSeparatedWithNamesAndTypes, JSON_Compact, JSON_CompactLimited, JSONLines_Compact";

    private final long rowLimit;

    OutputFormat(long rowLimit) {
        this.rowLimit = rowLimit;
    }

    long rowLimit() {
        return rowLimit;
    }

    /** The format named by the parameter (case-insensitive), or null when unknown. */
    static OutputFormat of(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return TSV;
        }
        switch (parameter.trim().toUpperCase(Locale.ROOT)) {
            case "TABSEPARATEDWITHNAMESANDTYPES":
                return TSV;
            case "JSON_COMPACT":
            case "JSONCOMPACT":
                return JSON_COMPACT;
            case "JSON_COMPACTLIMITED":
            case "JSONCOMPACTLIMITED":
                return JSON_COMPACT_LIMITED;
            case "JSONLINES_COMPACT":
                return JSON_LINES_COMPACT;
            default:
                return null;
        }
    }

    /** A body for one answer; timestamptz values are written in {@code zone}. */
    ResultBody open(OutputStream out, QueryInfo query, java.time.ZoneId zone) {
        Values2 values = new Values2(zone);
        switch (this) {
            case TSV:
                return new TsvBody(out, values);
            case JSON_LINES_COMPACT:
                return new JsonLinesBody(out, query, values);
            default:
                return new JsonCompactBody(out, values);
        }
    }
}
