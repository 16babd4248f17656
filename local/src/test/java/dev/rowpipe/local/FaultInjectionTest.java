package dev.rowpipe.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalServerExtension.class)
class FaultInjectionTest {

    private static final String MANY_ROWS = "SELECT range AS n, 'row ' || range AS s FROM range(5000)";

    private LocalServer last;

    @AfterEach
    void reset() {
        if (last != null) {
            last.setFaults(FaultSettings.NONE);
        }
    }

    @Test
    void latencyDelaysTheAnswer(LocalServer s) throws Exception {
        String token = Http.token(s);
        long start = System.nanoTime();
        HttpResponse<String> r = Http.send(Http.query(s, token, "", "SELECT 1").header(FaultInjector.HEADER, "latency-ms=300"));
        assertEquals(200, r.statusCode());
        assertTrue(System.nanoTime() - start >= 300_000_000L);
    }

    @Test
    void errorRateAnswers503Or429AndRepeatsWithTheSameSeed(LocalServer s) throws Exception {
        last = s;
        String token = Http.token(s);
        HttpResponse<String> always = Http.send(Http.query(s, token, "", "SELECT 1").header(FaultInjector.HEADER, "error-rate=1"));
        assertTrue(always.statusCode() == 503 || always.statusCode() == 429, "status " + always.statusCode());
        assertEquals("0", always.headers().firstValue("retry-after").orElse(""));

        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (List<Integer> run : List.of(first, second)) {
            s.setFaults(FaultSettings.NONE.withErrorRate(0.5).withSeed(7));
            for (int i = 0; i < 20; i++) {
                run.add(Http.send(Http.td(s, "/v3/database/list").GET()).statusCode());
            }
        }
        assertEquals(first, second);
        assertTrue(first.contains(200) && (first.contains(503) || first.contains(429)), first.toString());
    }

    @Test
    void expireTokensPerRequestByQueryParameter(LocalServer s) throws Exception {
        String token = Http.token(s);
        HttpResponse<String> r = Http.run(s, token, FaultInjector.PARAM + "=expire-tokens", "SELECT 1");
        assertEquals(401, r.statusCode());
        assertEquals(401, Http.run(s, token, "", "SELECT 1").statusCode());
    }

    @Test
    void cutAfterBytesDropsTheConnection(LocalServer s) throws Exception {
        String token = Http.token(s);
        IOException e = assertThrows(IOException.class, () -> Http.send(Http.query(s, token,
                "output_format=TabSeparatedWithNamesAndTypes", MANY_ROWS).header(FaultInjector.HEADER, "cut-after-bytes=100")));
        assertTrue(e.getMessage() != null);
        assertThrows(IOException.class, () -> Http.send(Http.td(s, "/v3/database/list").header(FaultInjector.HEADER, "cut-after-bytes=10").GET()));
        // Without the fault the same request is fine.
        assertEquals(200, Http.run(s, token, "output_format=TabSeparatedWithNamesAndTypes", MANY_ROWS).statusCode());
    }

    @Test
    void errorAfterRowsLandsInsideA200Body(LocalServer s) throws Exception {
        String token = Http.token(s);
        HttpResponse<String> tsv = Http.send(Http.query(s, token, "output_format=TabSeparatedWithNamesAndTypes", MANY_ROWS)
                .header(FaultInjector.HEADER, "error-after-rows=3"));
        assertEquals(200, tsv.statusCode());
        assertEquals("n\ts\nNullable(Int64)\tNullable(String)\n0\trow 0\n1\trow 1\n2\trow 2\n"
                + "Code: 999. DB::Exception: injected fault\n", tsv.body());
        HttpResponse<String> json = Http.send(Http.query(s, token, "", MANY_ROWS).header(FaultInjector.HEADER, "error-after-rows=2"));
        assertEquals(200, json.statusCode());
        assertTrue(json.body().endsWith("{\"n\":1,\"s\":\"row 1\"}\nCode: 999. DB::Exception: injected fault\n"), json.body());
    }

    @Test
    void serverWideFaultsApplyUntilReset(LocalServer s) throws Exception {
        last = s;
        String token = Http.token(s);
        s.setFaults(FaultSettings.NONE.with("error-after-rows=1"));
        assertTrue(Http.run(s, token, "output_format=TabSeparatedWithNamesAndTypes", MANY_ROWS).body().contains("DB::Exception"));
        s.setFaults(FaultSettings.NONE);
        assertTrue(!Http.run(s, token, "output_format=TabSeparatedWithNamesAndTypes", MANY_ROWS).body().contains("DB::Exception"));
    }

    @Test
    void badFaultSpecIs400(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.send(Http.td(s, "/v3/database/list").header(FaultInjector.HEADER, "explode=1").GET());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("explode"));
        assertEquals(400, Http.send(Http.td(s, "/v3/database/list").header(FaultInjector.HEADER, "error-rate=2").GET()).statusCode());
        assertThrows(IllegalArgumentException.class, () -> FaultSettings.NONE.with("latency-ms=soon"));
    }
}
