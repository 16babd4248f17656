package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.api.QueryProgress.State;
import dev.rowpipe.jdbc.RowpipeConnection;
import dev.rowpipe.jdbc.RowpipeStatement;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Firebolt progress against the local engine: the JSON formats carry statistics, TSV only the row count. */
@ExtendWith(LocalServerExtension.class)
class FireboltProgressTest {

    @Test
    void jsonResultsEndWithTheEnginesStatistics(LocalServer server) throws Exception {
        TdProgressDriverTest.Recorder recorder = new TdProgressDriverTest.Recorder();
        try (Connection c = FireboltIt.connect(server, "output_format", "JSON_Compact");
             Statement st = c.createStatement()) {
            st.unwrap(RowpipeStatement.class).setProgressListener(recorder);
            int rows = 0;
            try (ResultSet rs = st.executeQuery("SELECT * FROM generate_series(1, 500)")) {
                while (rs.next()) {
                    rows++;
                }
            }
            assertEquals(500, rows);
            QueryProgress end = recorder.awaitEnd();
            assertEquals(List.of(State.SUBMITTED, State.RUNNING, State.FINISHED), recorder.states());
            assertEquals(st.unwrap(RowpipeStatement.class).getLastQueryId(), end.queryId());
            assertEquals("Firebolt", end.service());
            assertEquals(500, end.resultRows());
            assertEquals(500, end.rowsRead());
            assertTrue(end.bytesRead() > 0, end.toString());
            assertTrue(end.serverElapsed() != null, end.toString());
        }
    }

    @Test
    void tsvResultsEndWithTheRowCountAndAFailureEndsFailed(LocalServer server) throws Exception {
        TdProgressDriverTest.Recorder recorder = new TdProgressDriverTest.Recorder();
        try (Connection c = FireboltIt.connect(server)) {
            c.unwrap(RowpipeConnection.class).setProgressListener(recorder);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 UNION ALL SELECT 2")) {
                while (rs.next()) {
                    assertTrue(rs.getInt(1) > 0);
                }
            }
            QueryProgress end = recorder.awaitEnd();
            assertEquals(State.FINISHED, end.state());
            assertEquals(2, end.resultRows());
            assertEquals(-1, end.rowsRead());
            try (Statement st = c.createStatement()) {
                st.execute("SELECT * FROM no_such_table");
            } catch (java.sql.SQLException expected) {
                // the failure is the statement's; its last event says the same
            }
            QueryProgress failed = recorder.await(e -> e.state() == State.FAILED);
            assertTrue(failed.message().contains("no_such_table"), failed.message());
        }
    }
}
