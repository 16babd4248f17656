package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.ProgressReporter;
import dev.rowpipe.internal.spi.StatementResult;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Priority, retry limit, pool and engine version: per connection (properties), per connection from a statement on
 * ({@code SET td.x = v}, {@code RESET td.x}), and per statement (statement options); the job type as given.
 */
class TdJobOptionsTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeTd td = new FakeTd();

    @AfterEach
    void closeSessions() {
        td.closeAll();
    }

    private void scriptJob(String type) {
        td.onJson("/v3/job/issue/" + type + "/mydb", TdExecutionTest.ISSUED);
        td.onJson("/v3/job/show/42", "{\"job_id\":\"42\",\"status\":\"success\",\"hive_result_schema\":\"[]\"}");
    }

    /** The issue form of one job, without the query. */
    private Map<String, String> issue(TdSession session, String type, Map<String, Object> statementOptions)
            throws SQLException {
        scriptJob(type);
        int before = td.requests.size();
        session.newExecution("SELECT 1", new ExecutionOptions(0, 0, 0, null, statementOptions,
                ProgressReporter.NONE)).start();
        Map<String, String> form = TdQueryCommentTest.form(td.requests.get(before));
        form.remove("query");
        // Every issue carries its own idempotency key (TdExecutionTest pins it); these tests are about the options.
        assertTrue(form.remove("domain_key").startsWith("rowpipe-"));
        return form;
    }

    @Test
    void connectionPropertiesAreSentAndUnsetOnesAreNot() throws Exception {
        TdSession plain = td.session(server, "");
        assertEquals(Map.of("priority", "0"), issue(plain, "hive", Map.of()));
        TdSession set = td.session(server, ";priority=2;retry_limit=3;pool_name=etl%20pool;engine_version=stable");
        assertEquals(Map.of("priority", "2", "retry_limit", "3", "pool_name", "etl pool", "engine_version", "stable"),
                issue(set, "hive", Map.of()));
        assertEquals(List.of("priority", "retry_limit", "pool_name", "engine_version"),
                List.copyOf(TdQueryCommentTest.form(td.requests.get(td.requests.size() - 2)).keySet()).subList(1, 5));
    }

    @Test
    void statementOptionsWinForThatStatementOnly() throws Exception {
        TdSession session = td.session(server, ";priority=1;pool_name=p");
        assertEquals(List.of(TdProperties.PRIORITY, TdProperties.RETRY_LIMIT, TdProperties.POOL_NAME,
                TdProperties.ENGINE_VERSION), session.statementOptions());
        assertEquals(Map.of("priority", "-2", "pool_name", "p", "engine_version", "experimental"),
                issue(session, "hive", Map.of("priority", -2, "engine_version", "experimental")));
        assertEquals(Map.of("priority", "1", "pool_name", "p"), issue(session, "hive", Map.of()));
    }

    @Test
    void setTdOptionsLastForTheConnectionAndResetReturnsToTheProperty() throws Exception {
        TdSession session = td.session(server, ";priority=1");
        for (String sql : List.of("SET td.priority = 2", "set TD.RETRY_LIMIT=4", "SET td.pool_name = 'batch pool'",
                "-- tuned\nSET td.engine_version = \"stable\";")) {
            StatementResult r = session.newExecution(sql, null).start();
            assertEquals(0, r.updateCount(), sql);
        }
        assertEquals(0, td.requests.size(), "SET td.* is answered by the driver");
        assertEquals(Map.of("priority", "2", "retry_limit", "4", "pool_name", "batch pool",
                "engine_version", "stable"), issue(session, "hive", Map.of()));
        assertEquals(Map.of("priority", "0", "retry_limit", "4", "pool_name", "batch pool", "engine_version",
                "stable"), issue(session, "hive", Map.of("priority", 0)), "a statement option still wins");
        session.newExecution("RESET td.priority", null).start();
        session.newExecution("RESET td.pool_name", null).start();
        assertEquals(Map.of("priority", "1", "retry_limit", "4", "engine_version", "stable"),
                issue(session, "hive", Map.of()));
    }

    @Test
    void otherSetStatementsGoToTheEngine() throws Exception {
        TdSession session = td.session(server, "");
        scriptJob("hive");
        session.newExecution("SET hive.exec.parallel=true", null).start();
        assertEquals("-- client: rowpipe-jdbc/" + dev.rowpipe.internal.DriverVersion.full()
                + "\nSET hive.exec.parallel=true", TdQueryCommentTest.form(td.requests.get(0)).get("query"));
    }

    @Test
    void badSetTdStatementsAreRejectedByTheDriver() throws Exception {
        TdSession session = td.session(server, "");
        SQLException unknown = assertThrows(SQLException.class, () -> session.newExecution("SET td.prio = 1", null));
        assertEquals("42000", unknown.getSQLState());
        assertTrue(unknown.getMessage().contains("td.priority, td.retry_limit, td.pool_name, td.engine_version"),
                unknown.getMessage());
        SQLException range = assertThrows(SQLException.class, () -> session.newExecution("SET td.priority = 3",
                null));
        assertTrue(range.getMessage().contains("-2 to 2"), range.getMessage());
        assertThrows(SQLException.class, () -> session.newExecution("SET td.priority", null));
        assertThrows(SQLException.class, () -> session.newExecution("SET td.priority =", null));
        assertThrows(SQLException.class, () -> session.newExecution("RESET td.priority now", null));
        assertEquals(0, td.requests.size());
        assertEquals(TdJobOptions.DEFAULTS, session.jobOptions());
    }

    @Test
    void trinoIsItsOwnJobTypeWithPrestosLiterals() throws Exception {
        TdSession session = td.session(server, ";type=trino");
        issue(session, "trino", Map.of());
        assertEquals("POST /v3/job/issue/trino/mydb", td.paths().get(0));
        assertEquals(TdDialect.STANDARD, session.dialect());
        assertEquals("'It''s \\'", session.dialect().quoteString("It's \\"));
        assertEquals(td.session(server, ";type=presto").dialect(), session.dialect());
        assertNull(TdJobOptions.property("type"), "the job type is not a statement option");
    }
}
