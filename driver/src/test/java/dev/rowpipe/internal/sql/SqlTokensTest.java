package dev.rowpipe.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokensTest {

    @Test
    void wordsAreWholeAndOfAnyCase() {
        SqlTokens t = SqlTokens.of("  set SETTINGS", false);
        assertTrue(t.keyword("SET"));
        assertFalse(t.keyword("SET"), "SETTINGS is not SET");
        assertEquals("SETTINGS", t.bareName(""));
        assertTrue(t.atEnd());
    }

    @Test
    void bareNamesTakeTheExtraCharactersAsked() {
        assertEquals("a.b_c", SqlTokens.of("a.b_c-d", false).bareName("."));
        assertEquals("a", SqlTokens.of("a.b", false).bareName(""));
        assertEquals("my-engine", SqlTokens.of("my-engine", false).bareName("-"));
        assertNull(SqlTokens.of("'x'", false).bareName(""));
    }

    @Test
    void quotedNames() {
        assertEquals("My Engine", SqlTokens.of("\"My Engine\"", false).quotedName());
        assertEquals("a`b", SqlTokens.of("`a``b`", false).quotedName());
        assertEquals("t\"2", SqlTokens.of("`t\"2`", false).quotedName());
        assertNull(SqlTokens.of("\"\"", false).quotedName(), "empty");
        assertNull(SqlTokens.of("\"open", false).quotedName(), "not closed");
        assertNull(SqlTokens.of("'literal'", false).quotedName(), "a string literal is no identifier");
        SqlTokens t = SqlTokens.of("\"d b\" . `t`", false);
        assertEquals("d b", t.name(""));
        assertTrue(t.symbol('.'));
        assertEquals("t", t.name(""));
        assertTrue(t.atEnd());
    }

    @Test
    void restEndsAtTheLastTokenAndDropsOneSemicolon() {
        assertEquals("a b", rest("= a b ; -- c\n"));
        assertEquals("'x -- y'", rest("= 'x -- y' /* z */"));
        assertEquals("'it\\'s'", rest("= 'it\\'s';", true), "a backslash-escaped quote does not end the literal");
        assertEquals("'a\\'", rest("= 'a\\' ; -- x'", false), "without escapes the literal ends at the second quote");
        assertEquals("'a\\' ; -- x'", rest("= 'a\\' ; -- x'", true), "with escapes it runs to the last quote");
        assertEquals("b;", rest("= b;;"));
        assertEquals("", rest("= ;"));
        assertEquals("", rest("= -- nothing"));
    }

    @Test
    void restUnquotedDropsTheQuotesAroundIt() {
        assertEquals("UTC", unquoted("= 'UTC';"));
        assertEquals("a b", unquoted("= \"a b\""));
        assertEquals("it''s", unquoted("= 'it''s'"));
        assertEquals("'x\"", unquoted("= 'x\""));
        assertEquals("'", unquoted("= '"));
        assertEquals("", unquoted("= ''"));
        assertEquals("plain", unquoted("= plain -- c"));
    }

    private static String unquoted(String text) {
        SqlTokens t = SqlTokens.of(text, false);
        assertTrue(t.symbol('='));
        return t.restUnquoted();
    }

    private static String rest(String text) {
        return rest(text, false);
    }

    private static String rest(String text, boolean backslashEscapes) {
        SqlTokens t = SqlTokens.of(text, backslashEscapes);
        assertTrue(t.symbol('='));
        return t.rest();
    }

    @Test
    void atEndAllowsOneSemicolonAndComments() {
        assertTrue(SqlTokens.of("", false).atEnd());
        assertTrue(SqlTokens.of(" ; -- x", false).atEnd());
        assertFalse(SqlTokens.of("; ;", false).atEnd());
        assertFalse(SqlTokens.of("; DROP TABLE c", false).atEnd());
    }

    @Test
    void commentsAndWhitespaceAreSkippedEverywhere() throws SQLException {
        ClientStatementRecognizer<List<String>> words = ClientStatementRecognizer.of(false,
                t -> t.keyword("START") && t.keyword("ENGINE") ? List.of(t.name("-")) : null);
        for (String text : Decorations.of("START ENGINE e-1")) {
            assertEquals(List.of("e-1"), words.recognise(text), text);
        }
        assertNull(words.recognise("SELECT 'START ENGINE e'"));
        assertNull(words.recognise("/* START ENGINE e */ SELECT 1"));
        assertNull(words.recognise("-- START ENGINE e\nSELECT 1"));
    }

    @Test
    void formsAreTriedInOrderEachFromTheStart() throws SQLException {
        ClientStatementRecognizer<String> r = ClientStatementRecognizer.of(false,
                t -> t.keyword("A") && t.keyword("B") ? "ab" : null,
                t -> t.keyword("A") ? "a" : null);
        assertEquals("ab", r.recognise("a b"));
        assertEquals("a", r.recognise("a c"));
        assertNull(r.recognise("c"));
    }
}
