package dev.rowpipe.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    /** The table of docs/architecture.md. */
    static final Map<Integer, String> STATES = new LinkedHashMap<>();

    static {
        STATES.put(400, "42000");
        STATES.put(401, "28000");
        STATES.put(403, "28000");
        STATES.put(404, "42S02");
        STATES.put(405, "42000");
        STATES.put(408, "08001");
        STATES.put(409, "42000");
        STATES.put(413, "42000");
        STATES.put(429, "08001");
        STATES.put(500, "HY000");
        STATES.put(501, "HY000");
        STATES.put(502, "08001");
        STATES.put(503, "08001");
        STATES.put(504, "08001");
        STATES.put(302, "HY000");
    }

    @Test
    void oneTableForEveryService() {
        STATES.forEach((status, state) -> assertEquals(state, HttpErrors.state(status).code(), "HTTP " + status));
    }

    @Test
    void aServerFailureOfOneStatementIsNeverAConnectionState() {
        for (int status = 400; status < 600; status++) {
            String state = HttpErrors.state(status).code();
            if (state.startsWith("08")) {
                assertEquals(true, HttpErrors.unavailable(status), "HTTP " + status + " is " + state);
            }
        }
    }

    @Test
    void refusedCarriesTheStatusAsVendorCode() {
        SQLException e = HttpErrors.refused(403, "no");
        assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
        assertEquals(403, e.getErrorCode());
        assertInstanceOf(SQLSyntaxErrorException.class, HttpErrors.refused(404, "gone"));
        assertInstanceOf(SQLNonTransientConnectionException.class, HttpErrors.refused(503, "busy"));
        assertEquals(SQLException.class, HttpErrors.refused(500, "boom").getClass());
    }

    @Test
    void retriedStatusesAreTheUnavailableOnes() {
        for (int status = 100; status < 600; status++) {
            assertEquals(HttpErrors.unavailable(status),
                    RetryPolicy.retryStatus(HttpRequestSpec.RetryMode.IDEMPOTENT, status), "HTTP " + status);
            // A request with an effect is retried only on the statuses that say it was not carried out.
            assertEquals(status == 408 || status == 429 || status == 503,
                    RetryPolicy.retryStatus(HttpRequestSpec.RetryMode.NOT_IDEMPOTENT, status), "HTTP " + status);
            assertFalse(RetryPolicy.retryStatus(HttpRequestSpec.RetryMode.NEVER, status));
        }
    }
}
