package dev.rowpipe.jdbc;

import dev.rowpipe.internal.spi.LikePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Filters rows a backend returned for a metadata call by the caller's catalog and name patterns. Backends may
 * return more than asked (the SPI allows it), so the JDBC layer always filters again here.
 *
 * <p>Deliberate deviation from the JDBC spec, for DBeaver and similar tools: they pass a table (or schema) name
 * UNESCAPED where a pattern is expected and attribute every returned row to that one name. So when a pattern
 * contains {@code _} or {@code %} but one of the candidates is named exactly like the pattern text, only the rows
 * of that name are kept: {@code getColumns(.., "a_c", ..)} returns the columns of {@code a_c} and not those of
 * {@code abc}. Escaped patterns ({@code a\_c}) and patterns no name equals behave exactly as the spec says.
 */
final class MetadataFilter {
    private MetadataFilter() {
    }

    /** JDBC catalog argument: null = any, "" = rows without a catalog, else the exact name. */
    static boolean catalogMatches(String catalog, String rowCatalog) {
        if (catalog == null) {
            return true;
        }
        if (catalog.isEmpty()) {
            return rowCatalog == null || rowCatalog.isEmpty();
        }
        return catalog.equals(rowCatalog);
    }

    /** Keeps the rows whose catalog matches (see {@link #catalogMatches}). */
    static <T> List<T> byCatalog(List<T> rows, String catalog, Function<T, String> rowCatalog) {
        if (catalog == null) {
            return rows;
        }
        List<T> out = new ArrayList<>(rows.size());
        for (T row : rows) {
            if (catalogMatches(catalog, rowCatalog.apply(row))) {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * Keeps the rows whose name matches a JDBC LIKE pattern, preferring an exact name (see the class comment).
     * The empty pattern selects rows without a name (the spec's meaning of "" for schema patterns).
     */
    static <T> List<T> byName(List<T> rows, String pattern, Function<T, String> name) {
        LikePattern like = LikePattern.of(pattern);
        if (like.matchesAll()) {
            return rows;
        }
        if (pattern.isEmpty()) {
            List<T> out = new ArrayList<>();
            for (T row : rows) {
                String n = name.apply(row);
                if (n == null || n.isEmpty()) {
                    out.add(row);
                }
            }
            return out;
        }
        boolean wildcards = like.literal() == null;
        if (wildcards) {
            List<T> exact = new ArrayList<>();
            for (T row : rows) {
                if (pattern.equals(name.apply(row))) {
                    exact.add(row);
                }
            }
            if (!exact.isEmpty()) {
                return exact;
            }
        }
        List<T> out = new ArrayList<>(rows.size());
        for (T row : rows) {
            if (like.matches(name.apply(row))) {
                out.add(row);
            }
        }
        return out;
    }

    /** Keeps the rows whose name matches a JDBC LIKE pattern strictly as the spec says (no exact-name rule). */
    static <T> List<T> byPattern(List<T> rows, String pattern, Function<T, String> name) {
        LikePattern like = LikePattern.of(pattern);
        if (like.matchesAll()) {
            return rows;
        }
        List<T> out = new ArrayList<>(rows.size());
        for (T row : rows) {
            if (like.matches(name.apply(row))) {
                out.add(row);
            }
        }
        return out;
    }
}
