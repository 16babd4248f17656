package dev.rowpipe.conformance;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.spark.RowpipeSparkDialects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Spark's JDBC source on local[2]: partitioned reads, pushed-down filters, appends. */
@ExtendWith(SharedLocalServer.class)
class SparkTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        // The documented call; with rowpipe-spark on the classpath Spark also finds the dialects by itself.
        RowpipeSparkDialects.register();
        spark = SparkSession.builder().master("local[2]").appName("rowpipe-conformance")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Map<String, String> options(LocalServer server, Service service, String table) {
        return options(server, service, table, null);
    }

    /**
     * Spark's options for a table. A TD job type goes into the URL: Spark picks its dialect (literals, identifier
     * quotes) from the URL alone, and the rowpipe dialect refuses a type given only as an option.
     */
    private static Map<String, String> options(LocalServer server, Service service, String table, String type) {
        Map<String, String> options = new java.util.HashMap<>();
        for (Map.Entry<Object, Object> e : service.properties(server).entrySet()) {
            options.put((String) e.getKey(), (String) e.getValue());
        }
        String url = service.url(server);
        if (service == Service.TD) {
            String engine = type != null ? type : options.get("type");
            options.remove("type");
            url = url + ";type=" + engine;
        }
        options.put("url", url);
        options.put("dbtable", table);
        options.put("driver", "dev.rowpipe.jdbc.RowpipeDriver");
        return options;
    }

    private static org.apache.spark.sql.Dataset<Row> read(Map<String, String> options) {
        return spark.read().format("jdbc").options(options).load();
    }

    private static void partitionedRead(Service service, LocalServer server) throws Exception {
        String table = "spk_read_" + service.name().toLowerCase();
        service.createTable(server, table);
        Map<String, String> options = options(server, service, table);
        options.put("partitionColumn", "id");
        options.put("lowerBound", "1");
        options.put("upperBound", "11");
        options.put("numPartitions", "3");
        org.apache.spark.sql.Dataset<Row> df = read(options);
        assertEquals(3, df.rdd().getNumPartitions());
        List<Row> rows = df.orderBy("id").collectAsList();
        assertEquals(Dataset.ITEMS.stream().map(Dataset.Item::id).collect(Collectors.toList()),
                rows.stream().map(r -> ((Number) r.getAs("id")).longValue()).collect(Collectors.toList()));
        assertEquals("O'Brien", rows.get(1).getAs("name"));
        assertEquals(5, df.filter(col("id").gt(5)).count());
    }

    private static void hostileStringFilters(Service service, LocalServer server, String type) throws Exception {
        String table = "spk_filter_" + service.name().toLowerCase();
        service.createTable(server, table);
        Map<String, String> options = options(server, service, table, type);
        org.apache.spark.sql.Dataset<Row> df = read(options);
        for (Dataset.Item item : List.of(Dataset.item(2), Dataset.item(3))) {
            List<Row> rows = df.filter(col("name").equalTo(item.name())).collectAsList();
            assertEquals(1, rows.size(), "rows named " + item.name());
            assertEquals(item.id(), ((Number) rows.get(0).getAs("id")).longValue());
            // Exactly what plain JDBC returns for the same filter as a bound parameter.
            assertEquals(plainJdbcIds(server, service, options.get("url"), table, item.name()),
                    rows.stream().map(r -> ((Number) r.getAs("id")).longValue()).collect(Collectors.toList()));
        }
        // A pushed-down IN list and a LIKE Spark applies itself (startsWith is not pushed to backslash dialects).
        assertEquals(List.of(2L, 3L), df.filter(col("name").isin("O'Brien", "back\\slash")).orderBy("id")
                .collectAsList().stream().map(r -> ((Number) r.getAs("id")).longValue()).collect(Collectors.toList()));
        assertEquals(List.of(2L), df.filter(col("name").startsWith("O'")).collectAsList().stream()
                .map(r -> ((Number) r.getAs("id")).longValue()).collect(Collectors.toList()));
    }

    private static List<Long> plainJdbcIds(LocalServer server, Service service, String url, String table, String name)
            throws Exception {
        Properties props = service.properties(server);
        props.remove("type");
        List<Long> ids = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, props);
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " WHERE name = ? ORDER BY id")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void append(Service service, LocalServer server) throws Exception {
        String table = "spk_append_" + service.name().toLowerCase();
        service.createTable(server, table);
        Map<String, String> options = options(server, service, table);
        org.apache.spark.sql.Dataset<Row> extra = read(options).filter(col("id").leq(2))
                .withColumn("id", col("id").plus(100));
        Properties props = new Properties();
        props.putAll(options);
        props.remove("url");
        props.remove("dbtable");
        extra.write().mode(SaveMode.Append).jdbc(service.url(server), table, props);
        assertEquals(12, read(options).count());
        assertEquals(2, read(options).filter(col("id").gt(100)).count());
    }

    /** The dialect's Catalyst mapping: an array by its element type, a decimal at its precision and scale. */
    @Test
    void fireboltArraysAndDecimalsKeepTheirTypes(LocalServer server) throws Exception {
        String table = "spk_types_firebolt";
        try (java.sql.Connection c = Service.FIREBOLT.connect(server); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE FACT TABLE " + table + " (id BIGINT, price DECIMAL(10, 2), tags ARRAY(INT)) "
                    + "PRIMARY INDEX id");
            st.execute("INSERT INTO " + table + " VALUES (1, 12.50, [1, 2]), (2, 0.10, [])");
        }
        org.apache.spark.sql.Dataset<Row> df = read(options(server, Service.FIREBOLT, table));
        org.apache.spark.sql.types.StructType schema = df.schema();
        assertEquals(org.apache.spark.sql.types.DataTypes.createDecimalType(10, 2), schema.apply("price").dataType());
        assertEquals(org.apache.spark.sql.types.DataTypes.createArrayType(
                org.apache.spark.sql.types.DataTypes.IntegerType, true), schema.apply("tags").dataType());
        List<Row> rows = df.orderBy("id").collectAsList();
        assertEquals(new java.math.BigDecimal("12.50"), rows.get(0).getAs("price"));
        assertEquals(List.of(1, 2), rows.get(0).getList(rows.get(0).fieldIndex("tags")));
        assertEquals(List.of(), rows.get(1).getList(rows.get(1).fieldIndex("tags")));
    }

    @Test
    void fireboltPartitionedRead(LocalServer server) throws Exception {
        partitionedRead(Service.FIREBOLT, server);
    }

    @Test
    void tdPartitionedRead(LocalServer server) throws Exception {
        partitionedRead(Service.TD, server);
    }

    @Test
    void fireboltHostileStringFilters(LocalServer server) throws Exception {
        hostileStringFilters(Service.FIREBOLT, server, null);
    }

    /** Firebolt 2.0 reads standard strings where v1 escapes: the one Firebolt dialect must be right for both. */
    @Test
    void firebolt2HostileStringFilters(LocalServer server) throws Exception {
        hostileStringFilters(Service.FIREBOLT2, server, null);
    }

    @Test
    void fireboltCoreHostileStringFilters(LocalServer server) throws Exception {
        hostileStringFilters(Service.FIREBOLT_CORE, server, null);
    }

    @Test
    void tdPrestoHostileStringFilters(LocalServer server) throws Exception {
        hostileStringFilters(Service.TD, server, null);
    }

    @Test
    void tdHiveHostileStringFilters(LocalServer server) throws Exception {
        hostileStringFilters(Service.TD, server, "hive");
    }

    @Test
    void fireboltAppend(LocalServer server) throws Exception {
        append(Service.FIREBOLT, server);
    }

    @Test
    void tdAppend(LocalServer server) throws Exception {
        append(Service.TD, server);
    }
}
