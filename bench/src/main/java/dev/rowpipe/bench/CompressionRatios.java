package dev.rowpipe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowpipe.internal.codec.DecodedBody;
import dev.rowpipe.local.LocalServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Bytes on the wire for the benchmark schema's rows served by the local engine, plain, as LZ4 blocks
 * ({@code compress=1}) and gzip ({@code Accept-Encoding: gzip}), for each Firebolt output format. The
 * {@link Dataset#PATTERN} distinct rows are loaded into a table and read back repeated in their order, as the
 * benchmark bodies repeat them. Usage: {@code CompressionRatios [rows]} (default 100,000).
 */
public final class CompressionRatios {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CompressionRatios() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("rowpipe-ratios");
        try (LocalServer server = LocalServer.builder().dataDir(dir).sampleRows(10).build().start()) {
            String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/auth/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + server.demoUser()
                            + "\",\"password\":\"" + server.demoPassword() + "\"}")), "").body())
                    .get("access_token").asText();
            String engine = "http://127.0.0.1:" + server.enginePort("local_engine") + "/?database="
                    + LocalServer.FIREBOLT_DATABASE;
            load(engine, token);
            long repeats = (rows + Dataset.PATTERN - 1) / Dataset.PATTERN;
            String select = "SELECT c_int, c_bigint, c_double, c_decimal, c_date, c_ts, c_bool, c_short, c_escaped, "
                    + "c_nullable, c_array FROM range(" + repeats + ") r, bench_rows ORDER BY r.range, k LIMIT " + rows;
            System.out.printf(Locale.ROOT, "%,d rows of the benchmark schema from the local engine%n", rows);
            System.out.printf(Locale.ROOT, "%-30s %14s %10s %14s %10s %7s %14s %10s %7s%n", "format", "plain B",
                    "B/row", "LZ4 blocks B", "B/row", "ratio", "gzip B", "B/row", "ratio");
            for (String format : new String[] {"TabSeparatedWithNamesAndTypes", "JSON_Compact", "JSON"}) {
                String uri = engine + "&output_format=" + format;
                byte[] plain = query(uri, token, select, false, false);
                byte[] blocks = query(uri + "&compress=1", token, select, false, true);
                byte[] gzip = query(uri, token, select, true, false);
                byte[] unzipped;
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                    unzipped = in.readAllBytes();
                }
                DecodedBody decoded = DecodedBody.open(new ByteArrayInputStream(blocks), null, true, null);
                byte[] unblocked;
                try (InputStream in = decoded.stream()) {
                    unblocked = in.readAllBytes();
                } finally {
                    decoded.close();
                }
                if (!sameResult(plain, unzipped) || !sameResult(plain, unblocked)) {
                    throw new IllegalStateException(format + ": a compressed body does not decode to the plain one");
                }
                System.out.printf(Locale.ROOT, "%-30s %,14d %10.1f %,14d %10.1f %6.2fx %,14d %10.1f %6.2fx%n", format,
                        plain.length, (double) plain.length / rows, blocks.length, (double) blocks.length / rows,
                        (double) plain.length / blocks.length, gzip.length, (double) gzip.length / rows,
                        (double) plain.length / gzip.length);
            }
        }
    }

    /** Equal bodies but for the query's elapsed time (JSON statistics). */
    private static boolean sameResult(byte[] a, byte[] b) {
        String elapsed = "\"elapsed\":[0-9.eE+-]+";
        return new String(a, StandardCharsets.UTF_8).replaceAll(elapsed, "")
                .equals(new String(b, StandardCharsets.UTF_8).replaceAll(elapsed, ""));
    }

    private static byte[] query(String uri, String token, String select, boolean gzip, boolean compressed)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(select));
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> r = HTTP.send(b.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        boolean encoded = r.headers().firstValue("Content-Encoding").isPresent();
        if (encoded != gzip || (compressed && r.body().length > 16 && (r.body()[16] & 0xFF) != 0x82)) {
            throw new IOException("unexpected encoding for " + uri);
        }
        return r.body();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String what) throws Exception {
        HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(what + " HTTP " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    /** Creates {@code bench_rows} with the pattern rows, numbered by {@code k}, in Firebolt literal syntax. */
    private static void load(String engine, String token) throws Exception {
        run(engine, token, "CREATE TABLE bench_rows (k INT, c_int INT, c_bigint BIGINT, c_double DOUBLE, "
                + "c_decimal DECIMAL(38, 9), c_date DATE, c_ts TIMESTAMP, c_bool BOOLEAN, c_short TEXT, c_escaped TEXT, "
                + "c_nullable TEXT, c_array Array(INT))");
        StringBuilder sql = new StringBuilder("INSERT INTO bench_rows VALUES ");
        int k = 0;
        for (Dataset.Row r : Dataset.ROWS) {
            sql.append(k == 0 ? "" : ", ").append('(').append(k++).append(", ").append(r.i()).append(", ")
                    .append(r.l()).append(", ").append(r.d()).append(", ").append(r.dec().toPlainString())
                    .append(", DATE '").append(r.date()).append("', TIMESTAMP '").append(Dataset.ts(r.ts()))
                    .append("', ").append(r.b()).append(", ").append(literal(r.shortText())).append(", ")
                    .append(literal(r.escaped())).append(", ")
                    .append(r.nullable() == null ? "NULL" : literal(r.nullable())).append(", [").append(r.array()[0])
                    .append(", ").append(r.array()[1]).append(", ").append(r.array()[2]).append("])");
        }
        run(engine, token, sql.toString());
    }

    private static void run(String engine, String token, String sql) throws Exception {
        send(HttpRequest.newBuilder(URI.create(engine)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(sql)), sql.substring(0, Math.min(40, sql.length())));
    }

    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\t", "\\t").replace("\n", "\\n") + "'";
    }
}
