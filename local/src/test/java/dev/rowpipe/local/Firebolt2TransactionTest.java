package dev.rowpipe.local;

import dev.rowpipe.local.firebolt2.Firebolt2;
import dev.rowpipe.local.firebolt2.Firebolt2Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Firebolt 2.0 transactions as far as DuckDB allows: one DuckDB connection held per transaction id. */
class Firebolt2TransactionTest {

    @TempDir
    static Path dir;
    static LocalServer server;
    static Firebolt2 fb;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        server = LocalServer.builder().dataDir(dir).sampleRows(100).td(false).engineStartDelayMs(50)
                .firebolt2(Firebolt2Settings.builder().core(true).transactionTimeoutMs(3000).build()).build().start();
        fb = server.firebolt2();
        token = Http2.signIn(fb);
        assertEquals(200, run("", "CREATE TABLE IF NOT EXISTS tx (id INT, v TEXT)").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> run(String params, String sql) throws Exception {
        return Http2.engine(fb, "local_engine", token, "database=local_db" + (params.isEmpty() ? "" : "&" + params), sql);
    }

    private static String count(String where) throws Exception {
        return Http2.tsv(run("", "SELECT count(*) FROM tx WHERE " + where)).get(2)[0];
    }

    /** The k=v values of the answer's Update-Parameters headers. */
    private static String param(HttpResponse<String> r, String name) {
        for (String v : r.headers().allValues("Firebolt-Update-Parameters")) {
            if (v.startsWith(name + "=")) {
                return v.substring(name.length() + 1);
            }
        }
        return null;
    }

    @Test
    void aRolledBackInsertIsGoneAndACommittedOneStays() throws Exception {
        HttpResponse<String> begin = run("", "BEGIN TRANSACTION");
        assertEquals(200, begin.statusCode(), begin.body());
        String id = param(begin, "transaction_id");
        assertEquals("0", param(begin, "transaction_sequence_id"));
        HttpResponse<String> insert = run("transaction_id=" + id + "&transaction_sequence_id=0",
                "INSERT INTO tx VALUES (1, 'rolled back')");
        assertEquals(200, insert.statusCode(), insert.body());
        assertEquals("1", param(insert, "transaction_sequence_id"));
        HttpResponse<String> inside = run("transaction_id=" + id + "&transaction_sequence_id=1",
                "SELECT count(*) FROM tx WHERE id = 1");
        assertEquals("1", Http2.tsv(inside).get(2)[0], "visible inside the transaction");
        assertEquals("0", count("id = 1"), "not visible outside it");
        HttpResponse<String> rollback = run("transaction_id=" + id + "&transaction_sequence_id=2", "ROLLBACK");
        assertEquals(200, rollback.statusCode(), rollback.body());
        assertEquals(List.of("transaction_id", "transaction_sequence_id"),
                rollback.headers().allValues("Firebolt-Remove-Parameters"));
        assertEquals("0", count("id = 1"));
        assertFalse(fb.isTransactionOpen(id));

        String id2 = param(run("", "BEGIN"), "transaction_id");
        assertEquals(200, run("transaction_id=" + id2, "INSERT INTO tx VALUES (2, 'committed')").statusCode());
        assertEquals(200, run("transaction_id=" + id2, "COMMIT").statusCode());
        assertEquals("1", count("id = 2"));
        assertEquals(400, run("transaction_id=" + id2, "SELECT 1").statusCode(), "the id is gone");
    }

    @Test
    void theServerChecksSequenceIdsEnginesAndOpenTransactions() throws Exception {
        String id = param(run("", "BEGIN TRANSACTION"), "transaction_id");
        HttpResponse<String> stale = run("transaction_id=" + id + "&transaction_sequence_id=7", "SELECT 1");
        assertEquals("TransactionSequenceMismatch", Http2.error(stale).get("name").asText());
        assertEquals(400, Http2.engine(fb, "local_engine_2", token, "transaction_id=" + id, "SELECT 1").statusCode());
        assertEquals("TransactionAlreadyOpen",
                Http2.error(run("transaction_id=" + id, "BEGIN TRANSACTION")).get("name").asText());
        assertEquals("NoTransaction", Http2.error(run("", "COMMIT")).get("name").asText());
        assertEquals("TransactionNotFound", Http2.error(run("transaction_id=nope", "SELECT 1")).get("name").asText());
        assertEquals(200, run("transaction_id=" + id, "ROLLBACK").statusCode());
    }

    @Test
    void anAbandonedTransactionIsRolledBackAfterTheTimeout() throws Exception {
        String id = param(run("", "BEGIN TRANSACTION"), "transaction_id");
        assertEquals(200, run("transaction_id=" + id, "INSERT INTO tx VALUES (3, 'abandoned')").statusCode());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (fb.isTransactionOpen(id) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertFalse(fb.isTransactionOpen(id));
        assertEquals("0", count("id = 3"));
        assertEquals("TransactionNotFound", Http2.error(run("transaction_id=" + id, "COMMIT")).get("name").asText());
    }

    @Test
    void stoppingTheEngineRollsItsTransactionsBack() throws Exception {
        HttpResponse<String> begin = Http2.engine(fb, "local_engine_2", token, "database=local_db", "BEGIN TRANSACTION");
        assertEquals(200, begin.statusCode(), begin.body());
        String id = param(begin, "transaction_id");
        assertTrue(fb.isTransactionOpen(id));
        assertEquals(200, Http2.system(fb, token, "", "STOP ENGINE local_engine_2").statusCode());
        assertFalse(fb.isTransactionOpen(id));
    }

    @Test
    void coreRunsTransactionsToo() throws Exception {
        assertEquals(200, Http2.core(fb, "", "CREATE TABLE IF NOT EXISTS core_tx (id INT)").statusCode());
        String id = param(Http2.core(fb, "", "BEGIN TRANSACTION"), "transaction_id");
        assertEquals(200, Http2.core(fb, "transaction_id=" + id, "INSERT INTO core_tx VALUES (1)").statusCode());
        assertEquals(200, Http2.core(fb, "transaction_id=" + id, "COMMIT").statusCode());
        assertEquals("1", Http2.tsv(Http2.core(fb, "", "SELECT count(*) FROM core_tx")).get(2)[0]);
    }
}
