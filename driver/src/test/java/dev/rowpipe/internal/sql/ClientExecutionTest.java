package dev.rowpipe.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.StatementResult;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClientExecutionTest {

    @Test
    void runsItsActionWithAHandleTheCancelReaches() throws SQLException {
        AtomicReference<RequestHandle> seen = new AtomicReference<>();
        ClientExecution e = new ClientExecution("Test swap", handle -> {
            seen.set(handle);
            return StatementResult.update(0);
        });
        assertNull(e.id());
        assertEquals("Test swap", e.description());
        assertEquals(0, e.start().updateCount());
        assertFalse(seen.get().isCancelled());
        e.cancel();
        assertTrue(seen.get().isCancelled());
    }

    @Test
    void aCancelBeforeStartKeepsTheActionFromRunning() {
        ClientExecution e = new ClientExecution("Test swap", handle -> {
            throw new AssertionError("ran after a cancel");
        });
        e.cancel();
        SQLException failure = assertThrows(SQLException.class, e::start);
        assertInstanceOf(SQLTransientException.class, failure);
        assertEquals("HY008", failure.getSQLState());
        assertEquals("Test swap was cancelled", failure.getMessage());
    }
}
