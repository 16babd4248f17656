package dev.rowpipe.internal.spi;

/** How a service reads SQL literals and identifiers; used for client-side parameter binding and metadata SQL. */
public interface SqlDialect {
    /** A string literal, quotes included, that the server reads back as exactly {@code value}. */
    String quoteString(String value);

    /** The identifier quote character, e.g. {@code "} or {@code `}. */
    String identifierQuote();

    /** True when a backslash inside a string literal escapes the next character (Firebolt, Hive). */
    boolean backslashEscapes();

    /** An array literal from already-rendered element literals; Firebolt's {@code [a, b]} unless a dialect differs. */
    default String arrayLiteral(java.util.List<String> elements) {
        return "[" + String.join(", ", elements) + "]";
    }
}
