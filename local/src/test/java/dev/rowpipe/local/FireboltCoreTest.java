package dev.rowpipe.local;

import dev.rowpipe.local.firebolt2.Firebolt2;
import dev.rowpipe.local.firebolt2.Firebolt2Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Firebolt Core: the 2.0 query protocol on one engine, without any authentication. */
@ExtendWith(Firebolt2Extension.class)
class FireboltCoreTest {

    @Test
    void queriesNeedNoSignIn(LocalServer server) throws Exception {
        Firebolt2 fb = server.firebolt2();
        assertTrue(fb.coreUrl().matches("http://127\\.0\\.0\\.1:\\d+"), fb.coreUrl());
        HttpResponse<String> r = Http2.core(fb, "", "SELECT 1 AS one");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("one", "int null", "1"), Http2.tsv(r).stream().map(l -> l[0]).toList());
        // A token is neither needed nor checked.
        assertEquals(200, Http.send(HttpRequest.newBuilder(URI.create(fb.coreUrl() + "/"))
                .header("Authorization", "Bearer whatever").POST(HttpRequest.BodyPublishers.ofString("SELECT 1")))
                .statusCode());
    }

    @Test
    void useDatabaseIsValidatedAndFireboltIsTheDefault(LocalServer server) throws Exception {
        Firebolt2 fb = server.firebolt2();
        HttpResponse<String> use = Http2.core(fb, "", "USE DATABASE firebolt");
        assertEquals(200, use.statusCode(), use.body());
        assertEquals(List.of("database=firebolt"), use.headers().allValues("Firebolt-Update-Parameters"));
        assertEquals(200, Http2.core(fb, "", "USE DATABASE local_db").statusCode());
        HttpResponse<String> nope = Http2.core(fb, "", "USE DATABASE nope");
        assertEquals(400, nope.statusCode());
        assertEquals("DatabaseNotFound", Http2.error(nope).get("name").asText());
        assertEquals("firebolt", Http2.tsv(Http2.core(fb, "", "SELECT current_schema()")).get(2)[0]);
        assertEquals("100", Http2.tsv(Http2.core(fb, "database=local_db",
                "SELECT count(*) FROM public.page_views_sample")).get(2)[0]);
        assertEquals(400, Http2.core(fb, "", "USE ENGINE local_engine").statusCode());
        assertEquals(400, Http2.core(fb, "", "SELECT * FROM information_schema.engines").statusCode());
    }

    @Test
    void schemasAndTablesComeFromInformationSchema(LocalServer server) throws Exception {
        Firebolt2 fb = server.firebolt2();
        assertEquals(200, Http2.core(fb, "", "CREATE TABLE IF NOT EXISTS core_t (a BIGINT NOT NULL, b TEXT)")
                .statusCode());
        List<String[]> schemata = Http2.tsv(Http2.core(fb, "", "SELECT catalog_name, schema_name FROM "
                + "information_schema.schemata ORDER BY schema_name"));
        assertEquals("firebolt", schemata.get(2)[0]);
        assertEquals(List.of("information_schema", "public"), schemata.subList(2, 4).stream().map(l -> l[1]).toList());
        List<String[]> columns = Http2.tsv(Http2.core(fb, "", "SELECT column_name, data_type, is_nullable FROM "
                + "information_schema.columns WHERE table_name = 'core_t' ORDER BY ordinal_position"));
        assertEquals(List.of("a", "bigint", "NO"), List.of(columns.get(2)));
        assertEquals(List.of("b", "text", "YES"), List.of(columns.get(3)));
    }

    @Test
    void cancelAndHistoryWorkOnCore(LocalServer server) throws Exception {
        Firebolt2 fb = server.firebolt2();
        assertEquals(200, Http2.core(fb, "query_label=core-1", "SELECT 1").statusCode());
        String lookup = "SELECT count(*) FROM information_schema.engine_query_history WHERE query_label = 'core-1'";
        long deadline = System.nanoTime() + 10_000_000_000L;
        String n = "0";
        while (!n.equals("2") && System.nanoTime() < deadline) {
            n = Http2.tsv(Http2.core(fb, "", lookup)).get(2)[0];
        }
        assertEquals("2", n);
        assertEquals(404, Http.send(Http2.post(fb.coreUrl().substring(7) + "/cancel", null, "query_id=x", ""))
                .statusCode());
    }

    @Test
    void coreAloneServesNoAccountEndpoints(@TempDir Path dir) throws Exception {
        try (LocalServer s = LocalServer.builder().dataDir(dir).sampleRows(100).firebolt(false).td(false)
                .firebolt2(Firebolt2Settings.builder().platform(false).core(true).build()).build().start()) {
            Firebolt2 fb = s.firebolt2();
            assertEquals(200, Http2.core(fb, "", "SELECT 1").statusCode());
            assertEquals(404, Http2.token(fb, Http2.form(fb.demoClientId(), fb.demoClientSecret())).statusCode());
            assertThrows(IllegalStateException.class, fb::systemEngineUrl);
            // The Core database is a Firebolt database: not listed as a TD database, and created on start.
            assertEquals(200, Http2.core(fb, "", "USE DATABASE firebolt").statusCode());
        }
    }
}
