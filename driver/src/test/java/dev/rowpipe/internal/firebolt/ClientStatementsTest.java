package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ClientStatementsTest {

    @Test
    void setForms() throws SQLException {
        assertEquals(new ClientStatements.SetStatement("a", "1"), ClientStatements.parseSet("SET a=1"));
        assertEquals(new ClientStatements.SetStatement("use_cache", "false"),
                ClientStatements.parseSet("  set use_cache = 'false' ;"));
        assertEquals(new ClientStatements.SetStatement("time_zone", "Europe/Berlin"),
                ClientStatements.parseSet("/* c */ -- x\nSeT time_zone = \"Europe/Berlin\""));
        assertEquals(new ClientStatements.SetStatement("x.y_z", "a b"), ClientStatements.parseSet("SET x.y_z = a b"));
    }

    @Test
    void notASet() throws SQLException {
        assertNull(ClientStatements.parseSet("SELECT 1"));
        assertNull(ClientStatements.parseSet("SETTINGS"));
        assertNull(ClientStatements.parseSet("UPDATE t SET a = 1"));
    }

    @Test
    void badSets() {
        assertEquals("42000", assertThrows(SQLException.class, () -> ClientStatements.parseSet("SET a b")).getSQLState());
        assertThrows(SQLException.class, () -> ClientStatements.parseSet("SET 1a = 2"));
        assertThrows(SQLException.class, () -> ClientStatements.parseSet("SET a-b = 2"));
        assertThrows(SQLException.class, () -> ClientStatements.parseSet("SET a = ''"));
        assertThrows(SQLException.class, () -> ClientStatements.parseSet("SET query_id = 'x'"));
        assertThrows(SQLException.class, () -> ClientStatements.parseSet("SET OUTPUT_FORMAT = JSON"));
    }

    @Test
    void engineStatements() {
        assertEquals(new ClientStatements.EngineStatement("start", "e1"), ClientStatements.parseEngine("START ENGINE e1"));
        assertEquals(new ClientStatements.EngineStatement("stop", "My Engine"),
                ClientStatements.parseEngine("stop engine \"My Engine\";"));
        assertEquals(new ClientStatements.EngineStatement("restart", "a-b"),
                ClientStatements.parseEngine("Restart Engine `a-b`"));
        assertNull(ClientStatements.parseEngine("START ENGINE"));
        assertNull(ClientStatements.parseEngine("SELECT 'START ENGINE x'"));
        assertNull(ClientStatements.parseEngine("START ENGINE a b"));
    }
}
