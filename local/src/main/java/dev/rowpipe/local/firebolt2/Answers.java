package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.HttpExchange;
import dev.rowpipe.local.Exchanges;
import dev.rowpipe.local.firebolt.ResultEncoding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the 2.0 engines' fixed answers: errors, and successes without a result. */
final class Answers {

    private Answers() {
    }

    /**
     * The 2.0 error body: {@code {"query":{"query_id","request_id","query_label"},"errors":[{"code","name",
     * "severity","source","description","resolution","helpLink","location"}]}}. Never carries session headers.
     */
    static void error(HttpExchange exchange, Firebolt2Error error, QueryInfo query) throws IOException {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("query_id", query.queryId());
        q.put("request_id", query.requestId());
        q.put("query_label", query.label());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", q);
        body.put("errors", List.of(error.toJson()));
        Exchanges.json(exchange, error.status(), body);
    }

    /**
     * 200 with the session headers and the format's body for a statement without a result, encoded as the request
     * asked (the engine encodes whatever it writes, a result or not).
     */
    static void noResult(Call call, SessionChange change, double elapsedSeconds) throws IOException {
        HttpExchange exchange = call.exchange();
        change.addTo(exchange.getResponseHeaders());
        byte[] body = call.emptyBody().noResult(elapsedSeconds);
        if (body == null) {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        ResultEncoding encoding = call.encoding();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(body.length + 64);
        try (OutputStream out = encoding.wrap(encoded)) {
            out.write(body);
        }
        exchange.getResponseHeaders().set("Content-Type", call.emptyBody().contentType());
        encoding.addTo(exchange.getResponseHeaders());
        exchange.sendResponseHeaders(200, encoded.size());
        try (OutputStream out = exchange.getResponseBody()) {
            encoded.writeTo(out);
        }
    }
}
