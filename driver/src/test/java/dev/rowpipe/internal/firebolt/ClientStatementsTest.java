package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rowpipe.internal.sql.Decorations;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ClientStatementsTest {

    private static ClientStatements.ClientStatement recognise(String sql) throws SQLException {
        return ClientStatements.recognise(sql);
    }

    @Test
    void setForms() throws SQLException {
        assertEquals(new ClientStatements.SetStatement("a", "1"), recognise("SET a=1"));
        assertEquals(new ClientStatements.SetStatement("use_cache", "false"), recognise("  set use_cache = 'false' ;"));
        assertEquals(new ClientStatements.SetStatement("time_zone", "Europe/Berlin"),
                recognise("/* c */ -- x\nSeT time_zone = \"Europe/Berlin\""));
        assertEquals(new ClientStatements.SetStatement("x.y_z", "a b"), recognise("SET x.y_z = a b"));
        assertEquals(new ClientStatements.SetStatement("a", "1"), recognise("SET a = 1 -- why\n"),
                "a trailing comment is not part of the value");
    }

    @Test
    void notASet() throws SQLException {
        assertNull(recognise("SELECT 1"));
        assertNull(recognise("SETTINGS"));
        assertNull(recognise("UPDATE t SET a = 1"));
        assertNull(recognise("/* SET a = 1 */ SELECT 1"));
    }

    @Test
    void badSets() {
        assertEquals("42000", assertThrows(SQLException.class, () -> recognise("SET a b")).getSQLState());
        assertThrows(SQLException.class, () -> recognise("SET 1a = 2"));
        assertThrows(SQLException.class, () -> recognise("SET a-b = 2"));
        assertThrows(SQLException.class, () -> recognise("SET a = ''"));
        assertThrows(SQLException.class, () -> recognise("SET query_id = 'x'"));
        assertThrows(SQLException.class, () -> recognise("SET OUTPUT_FORMAT = JSON"));
    }

    @Test
    void engineStatements() throws SQLException {
        assertEquals(new ClientStatements.EngineStatement("start", "e1"), recognise("START ENGINE e1"));
        assertEquals(new ClientStatements.EngineStatement("stop", "My Engine"), recognise("stop engine \"My Engine\";"));
        assertEquals(new ClientStatements.EngineStatement("restart", "a-b"), recognise("Restart Engine `a-b`"));
        assertNull(recognise("START ENGINE"));
        assertNull(recognise("SELECT 'START ENGINE x'"));
        assertNull(recognise("START ENGINE a b"));
    }

    /** The decorations every service's client statements are tested with (TdSwapStatementTest uses them too). */
    @Test
    void commentsAndWhitespaceAsForEveryService() throws SQLException {
        for (String sql : Decorations.of("SET a = 1")) {
            assertEquals(new ClientStatements.SetStatement("a", "1"), recognise(sql), sql);
        }
        for (String sql : Decorations.of("START ENGINE \"My Engine\"")) {
            assertEquals(new ClientStatements.EngineStatement("start", "My Engine"), recognise(sql), sql);
        }
        for (String sql : Decorations.of("STOP ENGINE my-engine")) {
            assertEquals(new ClientStatements.EngineStatement("stop", "my-engine"), recognise(sql), sql);
        }
    }
}
