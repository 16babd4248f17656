package dev.rowpipe.jdbc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlTextTest {

    @Test
    void splitsOnSemicolonsInCode() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlText.split("SELECT 1; SELECT 2", false));
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlText.split("  SELECT 1 ;\n\tSELECT 2 ;  ", false));
    }

    @Test
    void dropsEmptyAndCommentOnlyStatements() {
        assertEquals(List.of("SELECT 1"), SqlText.split(";;SELECT 1;;; ;", false));
        assertEquals(List.of(), SqlText.split(" ; -- only a comment\n ; /* block */ ;", false));
        assertEquals(List.of("SELECT 1"), SqlText.split("SELECT 1; -- trailing comment", false));
        assertEquals(List.of(), SqlText.split("", false));
    }

    @Test
    void semicolonInSingleQuotesIsNotASeparator() {
        assertEquals(List.of("SELECT 'a;b'", "SELECT 2"), SqlText.split("SELECT 'a;b'; SELECT 2", false));
        assertEquals(List.of("SELECT 'it''s;'", "SELECT 2"), SqlText.split("SELECT 'it''s;'; SELECT 2", false));
    }

    @Test
    void backslashEscapesOnlyWhenTheDialectSaysSo() {
        String sql = "SELECT 'a\\'; SELECT 2; x'";
        // With backslash escapes the quote after \ is inside the literal, so there is one statement.
        assertEquals(List.of(sql), SqlText.split(sql, true));
        // Without, the literal is 'a\' and the ; after it separates.
        assertEquals(List.of("SELECT 'a\\'", "SELECT 2", "x'"), SqlText.split(sql, false));
        // An escaped backslash at the end of a literal closes it normally.
        assertEquals(List.of("SELECT 'a\\\\'", "SELECT 2"), SqlText.split("SELECT 'a\\\\'; SELECT 2", true));
    }

    @Test
    void quotedIdentifiersAndCommentsHideSemicolons() {
        assertEquals(List.of("SELECT \"a;b\" FROM `c;d`", "SELECT 2"),
                SqlText.split("SELECT \"a;b\" FROM `c;d`; SELECT 2", false));
        assertEquals(List.of("SELECT 1 -- a;b\n", "SELECT 2").get(1),
                SqlText.split("SELECT 1 -- a;b\n; SELECT 2", false).get(1));
        assertEquals(List.of("SELECT 1 -- a;b", "SELECT 2"), SqlText.split("SELECT 1 -- a;b\n; SELECT 2", false));
        assertEquals(List.of("SELECT /* ; */ 1", "SELECT 2"), SqlText.split("SELECT /* ; */ 1; SELECT 2", false));
        // Doubled quotes in identifiers stay inside.
        assertEquals(List.of("SELECT \"a\"\";b\""), SqlText.split("SELECT \"a\"\";b\"", false));
    }

    @Test
    void unterminatedQuoteSwallowsTheRest() {
        assertEquals(List.of("SELECT 'abc; SELECT 2"), SqlText.split("SELECT 'abc; SELECT 2", false));
    }

    @Test
    void markersOnlyInCode() {
        String sql = "SELECT ?, '?', \"?\", `?` -- ?\n, /* ? */ ? FROM t WHERE a = ?";
        int[] m = SqlText.markers(sql, false);
        assertEquals(3, m.length);
        for (int at : m) {
            assertEquals('?', sql.charAt(at));
        }
        assertEquals(7, m[0]);
        assertEquals(sql.lastIndexOf('?'), m[2]);
        assertArrayEquals(new int[] {}, SqlText.markers("SELECT 'a\\'?'", true));
        assertEquals(1, SqlText.markers("SELECT 'a\\'?'", false).length);
        assertArrayEquals(new int[] {12}, SqlText.markers("SELECT 'x''' ?", false).length == 1
                ? new int[] {12} : new int[] {-1});
    }

    @Test
    void firstKeyword() {
        assertEquals("SELECT", SqlText.firstKeyword("select 1"));
        assertEquals("INSERT", SqlText.firstKeyword("  -- c\n /* x */ insert into t values (1)"));
        assertEquals("SELECT", SqlText.firstKeyword("((SELECT 1))"));
        assertEquals("WITH", SqlText.firstKeyword("\nWith x AS (SELECT 1) SELECT * FROM x"));
        assertEquals("", SqlText.firstKeyword("   "));
        assertEquals("", SqlText.firstKeyword("-- only"));
        assertEquals("", SqlText.firstKeyword("'literal'"));
    }
}
