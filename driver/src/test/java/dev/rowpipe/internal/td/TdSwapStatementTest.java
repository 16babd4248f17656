package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TdSwapStatementTest {
    @Test
    void recognizedForms() throws Exception {
        assertEquals(new TdSwapStatement("cur", "a", "b"), TdSwapStatement.parse("ALTER TABLE a SWAP WITH b", "cur"));
        assertEquals(new TdSwapStatement("db1", "a", "b"),
                TdSwapStatement.parse("\n alter table db1.a swap with b ; ", "cur"));
        assertEquals(new TdSwapStatement("db1", "a", "b"),
                TdSwapStatement.parse("Alter Table a Swap With `db1`.`b`", "cur"));
        assertEquals(new TdSwapStatement("d b", "t 1", "t\"2"),
                TdSwapStatement.parse("ALTER TABLE \"d b\".\"t 1\" SWAP WITH `d b`.`t\"2`", "cur"));
    }

    @Test
    void otherStatementsAreNotSwaps() throws Exception {
        assertNull(TdSwapStatement.parse("SELECT 'ALTER TABLE a SWAP WITH b'", "cur"));
        assertNull(TdSwapStatement.parse("ALTER TABLE a RENAME TO b", "cur"));
        assertNull(TdSwapStatement.parse("ALTER TABLE a SWAP WITH b; DROP TABLE c", "cur"));
    }

    @Test
    void tablesInTwoDatabasesAreRejected() {
        SQLException e = assertThrows(SQLException.class,
                () -> TdSwapStatement.parse("ALTER TABLE x.a SWAP WITH y.b", "cur"));
        assertEquals("0A000", e.getSQLState());
    }
}
