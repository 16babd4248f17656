package dev.rowpipe.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Generates the sample data on first start, deterministically: every value is a function of the row number
 * through DuckDB's {@code hash()}, so two data folders built with the same scale hold the same rows.
 */
final class SampleData {

    static final String MARKER = ".samples-generated";

    private SampleData() {
    }

    static void ensure(Database db, Path dataDir, long rows, boolean firebolt, boolean td) throws SQLException, IOException {
        Path marker = dataDir.resolve(MARKER);
        if (Files.exists(marker)) {
            return;
        }
        try (Connection c = db.connect(null); Statement s = c.createStatement()) {
            if (td) {
                treasureData(s, rows);
            }
            if (firebolt) {
                firebolt(s, dataDir, Math.max(10, rows / 10));
            }
        }
        Files.writeString(marker, "rows=" + rows + "\n");
    }

    private static void treasureData(Statement s, long rows) throws SQLException {
        s.execute("CREATE SCHEMA IF NOT EXISTS sample_datasets");
        s.execute("CREATE OR REPLACE TABLE sample_datasets.www_access AS SELECT "
                + "CAST(1412121600 + i * 3 AS BIGINT) AS time, "
                + "'192.168.' || CAST(hash(i, 1) % 256 AS VARCHAR) || '.' || CAST(hash(i, 2) % 256 AS VARCHAR) AS host, "
                + "'/category/' || ['electronics', 'books', 'games', 'garden', 'music', 'toys', 'sports', 'office']"
                + "[CAST(hash(i, 3) % 8 AS INTEGER) + 1] || '?from=' || CAST(hash(i, 4) % 100 AS VARCHAR) AS path, "
                + "CASE WHEN hash(i, 5) % 10 < 8 THEN 'GET' ELSE 'POST' END AS method, "
                + "CASE WHEN hash(i, 6) % 3 = 0 THEN '-' ELSE 'http://www.example.com/item/' "
                + "|| CAST(hash(i, 7) % 1000 AS VARCHAR) END AS referer, "
                + "CAST(CASE hash(i, 8) % 20 WHEN 0 THEN 404 WHEN 1 THEN 500 ELSE 200 END AS BIGINT) AS code, "
                + "['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 13_4)', "
                + "'Mozilla/5.0 (X11; Linux x86_64)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X)', "
                + "'curl/8.1.2'][CAST(hash(i, 9) % 5 AS INTEGER) + 1] AS agent, "
                + "CAST(hash(i, 10) % 5000 + 100 AS BIGINT) AS size, "
                + "'-' AS \"user\" "
                + "FROM range(" + rows + ") t(i)");
        s.execute("CREATE OR REPLACE TABLE sample_datasets.nasdaq AS SELECT "
                + "CAST(1262304000 + (i // 20) * 86400 AS BIGINT) AS time, "
                + "['AAPL', 'MSFT', 'GOOG', 'AMZN', 'META', 'NVDA', 'TSLA', 'INTC', 'CSCO', 'ADBE', 'NFLX', 'PEP', "
                + "'COST', 'AVGO', 'TXN', 'QCOM', 'AMGN', 'SBUX', 'INTU', 'AMD'][CAST(i % 20 AS INTEGER) + 1] AS symbol, "
                + "round(10 + CAST(hash(i, 11) % 100000 AS DOUBLE) / 100, 2) AS open, "
                + "CAST(hash(i, 12) % 10000000 AS BIGINT) AS volume, "
                + "round(10 + CAST(hash(i, 11) % 100000 AS DOUBLE) / 100 + CAST(hash(i, 13) % 500 AS DOUBLE) / 100, 2) AS high, "
                + "round(10 + CAST(hash(i, 11) % 100000 AS DOUBLE) / 100 - CAST(hash(i, 14) % 500 AS DOUBLE) / 100, 2) AS low, "
                + "round(10 + CAST(hash(i, 11) % 100000 AS DOUBLE) / 100 + CAST(hash(i, 15) % 600 AS DOUBLE) / 100 - 3, 2) AS close "
                + "FROM range(" + rows + ") t(i)");
    }

    private static void firebolt(Statement s, Path dataDir, long rows) throws SQLException, IOException {
        Path root = dataDir.resolve("s3").resolve("rowpipe-samples").resolve("page_views");
        Path parquet = Files.createDirectories(root.resolve("parquet"));
        Path csv = Files.createDirectories(root.resolve("csv"));
        Path json = Files.createDirectories(root.resolve("json"));
        String select = "SELECT CAST(i AS BIGINT) AS view_id, CAST(hash(i, 21) % 5000 AS INTEGER) AS user_id, "
                + "'https://shop.example.com/p/' || CAST(hash(i, 22) % 2000 AS VARCHAR) AS url, "
                + "TIMESTAMP '2024-01-01 00:00:00' + to_seconds(CAST(i * 37 AS BIGINT)) AS view_time, "
                + "CAST(hash(i, 23) % 60000 AS INTEGER) AS duration_ms, "
                + "CAST(round(CAST(hash(i, 24) % 10000 AS DOUBLE) / 100, 2) AS DECIMAL(10, 2)) AS revenue "
                + "FROM range(" + rows + ") t(i)";
        s.execute("COPY (" + select + ") TO '" + sqlPath(parquet.resolve("page_views.parquet")) + "' (FORMAT PARQUET)");
        s.execute("COPY (" + select + ") TO '" + sqlPath(csv.resolve("page_views.csv")) + "' (FORMAT CSV, HEADER true)");
        s.execute("COPY (" + select + ") TO '" + sqlPath(json.resolve("page_views.json")) + "' (FORMAT JSON)");
        s.execute("CREATE SCHEMA IF NOT EXISTS local_db");
        s.execute("CREATE OR REPLACE TABLE local_db.page_views_sample AS " + select + " LIMIT 100");
    }

    private static String sqlPath(Path p) {
        return p.toAbsolutePath().toString().replace("'", "''");
    }
}
