package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 2.0 session the client keeps, changed only by the answers' headers. */
class SessionStateTest {

    private static SessionState system() throws SQLException {
        return SessionState.onSystemEngine(EngineEndpoint.parse("sys.acct.firebolt.io/query?account_id=a1", true),
                true);
    }

    @Test
    void engineAddressesAsTheServiceHandsThemOut() throws SQLException {
        EngineEndpoint.Parsed p = EngineEndpoint.parse("sys.acct.firebolt.io/query?account_id=a%201&x", true);
        assertEquals("https://sys.acct.firebolt.io", p.endpoint().base().toString());
        assertEquals("/query", p.endpoint().path());
        assertEquals(Map.of("account_id", "a 1", "x", ""), p.parameters());
        EngineEndpoint.Parsed local = EngineEndpoint.parse("127.0.0.1:9000", false);
        assertEquals("http://127.0.0.1:9000/", local.endpoint().toString());
        assertEquals("https://h:1/", EngineEndpoint.parse("https://h:1", false).endpoint().toString());
        assertThrows(SQLException.class, () -> EngineEndpoint.parse("", true));
        assertThrows(SQLException.class, () -> EngineEndpoint.parse("user:pw@host", true));
        assertThrows(SQLException.class, () -> EngineEndpoint.parse("ftp://host", true));
    }

    @Test
    void headerValuesOneOrSeveralPairs() {
        assertEquals(List.of("a=1"), SessionState.pairs("a=1"));
        assertEquals(List.of("a=1", "b=2"), SessionState.pairs("a=1,b=2"));
        assertEquals(List.of("a=1", "b=x,y", "c=3"), SessionState.pairs("a=1, b=x,y,c=3"));
        assertEquals(List.of("tz=a", "b=,c"), SessionState.pairs("tz=a,b=,c"));
        assertEquals(List.of(), SessionState.pairs(""));
    }

    @Test
    void updatesRemovalsResetAndEndpointInOneAnswer() throws SQLException {
        SessionState s = system();
        s.apply(List.of("database=db", "time_zone=UTC"), List.of(), false, null);
        assertEquals("db", s.database());
        assertTrue(s.onSystemEngine());
        s.apply(List.of(), List.of(), true, "eng.acct.firebolt.io?engine=e&account_id=a1");
        assertFalse(s.onSystemEngine());
        SessionState.Target t = s.target(false, true);
        assertEquals("https://eng.acct.firebolt.io/", t.endpoint().toString());
        assertEquals(Map.of("account_id", "a1", "database", "db", "engine", "e"), t.parameters());
        // The system engine keeps its own parameters, and gets the database.
        SessionState.Target sys = s.target(true, true);
        assertEquals("https://sys.acct.firebolt.io/query", sys.endpoint().toString());
        assertEquals(Map.of("account_id", "a1", "database", "db"), sys.parameters());
        assertTrue(sys.systemEngine());
    }

    @Test
    void transactionParametersStayOutOfTheDriversOwnStatementsAndOfTheSavedSession() throws SQLException {
        SessionState s = system();
        s.apply(List.of("transaction_id=t1", "transaction_sequence_id=0"), List.of(), false, null);
        assertTrue(s.inTransaction());
        assertEquals("t1", s.target(false, true).parameters().get("transaction_id"));
        assertNull(s.target(false, false).parameters().get("transaction_id"));
        assertNull(s.save().parameters().get("transaction_sequence_id"));
        s.apply(List.of(), List.of("transaction_id,transaction_sequence_id"), false, null);
        assertFalse(s.inTransaction());
    }

    @Test
    void aBadEndpointChangesNothing() throws SQLException {
        SessionState s = system();
        assertThrows(SQLException.class, () -> s.apply(List.of("database=x"), List.of(), true, "user@host"));
        assertNull(s.database());
        assertTrue(s.onSystemEngine());
    }
}
