package dev.rowpipe.local.sql;

import dev.rowpipe.local.sql.SqlLexer.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlLexerTest {

    private static String render(String sql, Dialect dialect) {
        return SqlLexer.render(SqlLexer.tokenize(sql, dialect));
    }

    @Test
    void hiveReadsDoubleQuotesAsStrings() {
        // Hive's default: "time" is the string 'time', not the column time.
        assertEquals("SELECT 'time' AS t, time FROM x", render("SELECT \"time\" AS t, time FROM x", Dialect.HIVE));
        assertEquals("SELECT 'It''s \"q\"'", render("SELECT \"It's \\\"q\\\"\"", Dialect.HIVE));
        // Adjacent literals join across quote kinds, as single-quoted ones do.
        assertEquals("SELECT 'ab''c'", render("SELECT 'a' \"b'c\"", Dialect.HIVE));
        assertEquals("SELECT 'ab'", render("SELECT \"a\"\"b\"", Dialect.HIVE));
        // Identifiers are quoted with backquotes.
        assertEquals("SELECT \"time\" FROM x", render("SELECT `time` FROM x", Dialect.HIVE));
    }

    @Test
    void prestoReadsDoubleQuotesAsIdentifiersAndRejectsBackquotes() {
        assertEquals("SELECT \"time\", 'It''s' FROM x", render("SELECT \"time\", 'It''s' FROM x", Dialect.STANDARD));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlLexer.tokenize("SELECT `time` FROM x", Dialect.STANDARD));
        assertTrue(e.getMessage().contains("backquoted identifiers are not supported"), e.getMessage());
    }

    @Test
    void tdNamesAsHiveAndPrestoRead() {
        Set<String> hidden = Set.of("local_db");
        assertEquals("SELECT * FROM sample_datasets.www_access", QualifiedNamesTestSupport.td(
                "SELECT * FROM sample_datasets.www_access", false, hidden));
        assertEquals("SELECT * FROM sample_datasets.www_access", QualifiedNamesTestSupport.td(
                "SELECT * FROM td.sample_datasets.www_access", true, hidden));
        assertEquals("SELECT * FROM \"sample_datasets\".\"www_access\"", QualifiedNamesTestSupport.td(
                "SELECT * FROM \"td\".\"sample_datasets\".\"www_access\"", true, hidden));
        // An alias named td is not the catalog.
        assertEquals("SELECT td.code FROM www_access td", QualifiedNamesTestSupport.td(
                "SELECT td.code FROM www_access td", true, hidden));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QualifiedNamesTestSupport.td("SELECT * FROM local_db.page_views_sample", false, hidden));
        assertTrue(e.getMessage().contains("Database 'local_db' does not exist"), e.getMessage());
    }

    /** Renders SQL after TD's name resolution. */
    private static final class QualifiedNamesTestSupport {
        static String td(String sql, boolean presto, Set<String> hidden) {
            List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql, presto ? Dialect.STANDARD : Dialect.HIVE);
            return SqlLexer.render(QualifiedNames.td(tokens, presto, hidden));
        }
    }
}
