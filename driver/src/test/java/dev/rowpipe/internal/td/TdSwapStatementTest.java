package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rowpipe.internal.sql.Decorations;
import dev.rowpipe.internal.sql.SqlTokens;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TdSwapStatementTest {

    private static TdSwapStatement parse(String sql, String defaultDatabase) throws SQLException {
        return TdSwapStatement.read(SqlTokens.of(sql, true), defaultDatabase);
    }

    @Test
    void recognizedForms() throws Exception {
        assertEquals(new TdSwapStatement("cur", "a", "b"), parse("ALTER TABLE a SWAP WITH b", "cur"));
        assertEquals(new TdSwapStatement("db1", "a", "b"), parse("\n alter table db1.a swap with b ; ", "cur"));
        assertEquals(new TdSwapStatement("db1", "a", "b"), parse("Alter Table a Swap With `db1`.`b`", "cur"));
        assertEquals(new TdSwapStatement("d b", "t 1", "t\"2"),
                parse("ALTER TABLE \"d b\".\"t 1\" SWAP WITH `d b`.`t\"2`", "cur"));
    }

    @Test
    void otherStatementsAreNotSwaps() throws Exception {
        assertNull(parse("SELECT 'ALTER TABLE a SWAP WITH b'", "cur"));
        assertNull(parse("ALTER TABLE a RENAME TO b", "cur"));
        assertNull(parse("ALTER TABLE a SWAP WITH b; DROP TABLE c", "cur"));
        assertNull(parse("/* ALTER TABLE a SWAP WITH b */ SELECT 1", "cur"));
    }

    @Test
    void tablesInTwoDatabasesAreRejected() {
        SQLException e = assertThrows(SQLException.class, () -> parse("ALTER TABLE x.a SWAP WITH y.b", "cur"));
        assertEquals("0A000", e.getSQLState());
    }

    /** The decorations every service's client statements are tested with (ClientStatementsTest uses them too). */
    @Test
    void commentsAndWhitespaceAsForEveryService() throws Exception {
        for (String sql : Decorations.of("ALTER TABLE db1.a SWAP WITH `my t`")) {
            assertEquals(new TdSwapStatement("db1", "a", "my t"), parse(sql, "cur"), sql);
        }
        for (String sql : Decorations.of("ALTER TABLE a SWAP WITH b")) {
            assertEquals(new TdSwapStatement("cur", "a", "b"), parse(sql, "cur"), sql);
        }
    }
}
