package dev.rowpipe.internal.spi;

/**
 * A JDBC metadata LIKE pattern: {@code %} any run, {@code _} any one character, {@code \} escapes the next
 * character. A null pattern matches everything. Matching is exact-case, as the JDBC spec asks.
 */
public final class LikePattern {
    /** The escape character of metadata patterns (what {@code DatabaseMetaData.getSearchStringEscape} reports). */
    public static final String ESCAPE = "\\";

    private static final LikePattern ANY = new LikePattern(null);

    private final String pattern;

    private LikePattern(String pattern) {
        this.pattern = pattern;
    }

    public static LikePattern of(String pattern) {
        return pattern == null || pattern.equals("%") ? ANY : new LikePattern(pattern);
    }

    public boolean matchesAll() {
        return pattern == null;
    }

    /** The literal text when the pattern has no wildcards, else null: lets a backend ask for one name exactly. */
    public String literal() {
        if (pattern == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                return null;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public boolean matches(String value) {
        if (pattern == null) {
            return true;
        }
        return value != null && match(value, 0, 0);
    }

    private boolean match(String value, int vi, int pi) {
        while (pi < pattern.length()) {
            char c = pattern.charAt(pi);
            if (c == '%') {
                while (pi < pattern.length() && pattern.charAt(pi) == '%') {
                    pi++;
                }
                if (pi == pattern.length()) {
                    return true;
                }
                for (int start = vi; start <= value.length(); start++) {
                    if (match(value, start, pi)) {
                        return true;
                    }
                }
                return false;
            }
            if (vi >= value.length()) {
                return false;
            }
            if (c == '_') {
                vi++;
                pi++;
                continue;
            }
            if (c == '\\' && pi + 1 < pattern.length()) {
                c = pattern.charAt(++pi);
            }
            if (value.charAt(vi) != c) {
                return false;
            }
            vi++;
            pi++;
        }
        return vi == value.length();
    }

    @Override
    public String toString() {
        return pattern == null ? "%" : pattern;
    }
}
