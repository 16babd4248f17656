package dev.rowpipe.conformance;

import dev.rowpipe.local.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Spring's JdbcTemplate and NamedParameterJdbcTemplate: typed reads, update counts, batches. */
@ExtendWith(SharedLocalServer.class)
class SpringJdbcTest {

    private static JdbcTemplate template(LocalServer server, Service service) {
        return new JdbcTemplate(new PlainDataSource(service.url(server), service.properties(server)));
    }

    private static void typedReads(Service service, LocalServer server) throws Exception {
        String table = "sp_read_" + service.name().toLowerCase();
        service.createTable(server, table);
        JdbcTemplate jdbc = template(server, service);
        assertEquals(10L, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        assertEquals("O'Brien", jdbc.queryForObject("SELECT name FROM " + table + " WHERE id = ?", String.class, 2));
        assertEquals(2L, jdbc.queryForObject("SELECT id FROM " + table + " WHERE name = ?", Long.class, "O'Brien"));
        assertEquals(3L, jdbc.queryForObject("SELECT id FROM " + table + " WHERE name = ?", Long.class, "back\\slash"));
        assertEquals(Timestamp.valueOf("2024-01-01 10:00:00"),
                jdbc.queryForObject("SELECT created FROM " + table + " WHERE id = 1", Timestamp.class));
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, qty FROM " + table + " WHERE id IN (?, ?) ORDER BY id", 1, 4);
        assertEquals(2, rows.size());
        assertEquals(3, ((Number) rows.get(0).get("qty")).intValue());
        assertNull(rows.get(1).get("qty"));
        List<String> names = jdbc.query("SELECT name FROM " + table + " ORDER BY id", (rs, n) -> rs.getString(1));
        assertEquals(Dataset.ITEMS.stream().map(Dataset.Item::name).toList(), names);

        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        assertEquals("back\\slash", named.queryForObject("SELECT name FROM " + table + " WHERE id = :id",
                new MapSqlParameterSource("id", 3), String.class));
        assertEquals(2L, named.queryForObject("SELECT count(*) FROM " + table + " WHERE id IN (:ids)",
                Map.of("ids", List.of(1, 2)), Long.class));
    }

    private static void decimalKeepsItsScale(Service service, LocalServer server) throws Exception {
        JdbcTemplate jdbc = template(server, service);
        assertEquals(new BigDecimal("12.50"), jdbc.queryForObject("SELECT CAST(12.5 AS DECIMAL(12, 2))", BigDecimal.class));
    }

    private static void updateCounts(Service service, LocalServer server) throws Exception {
        String table = "sp_write_" + service.name().toLowerCase();
        service.createTable(server, table);
        JdbcTemplate jdbc = template(server, service);
        assertEquals(1, jdbc.update("INSERT INTO " + table + " (id, name) VALUES (?, ?)", 11, "new"));
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        assertEquals(1, named.update("INSERT INTO " + table + " (id, name) VALUES (:id, :name)",
                new MapSqlParameterSource().addValue("id", 12).addValue("name", "newer")));
        assertEquals(12L, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        // TD reports the rows any write wrote (num_records); Firebolt v1 reports none, so the driver counts an
        // INSERT ... VALUES by its tuples and says SUCCESS_NO_INFO for a write whose count only the server knows.
        int copied = jdbc.update("INSERT INTO " + table + " (id, name) SELECT id + 100, name FROM " + table
                + " WHERE id <= 2");
        assertEquals(service == Service.TD ? 2 : Statement.SUCCESS_NO_INFO, copied);
        assertEquals(14L, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
    }

    private static void batches(Service service, LocalServer server) throws Exception {
        String table = "sp_batch_" + service.name().toLowerCase();
        service.createTable(server, table);
        JdbcTemplate jdbc = template(server, service);
        int[] counts = jdbc.batchUpdate("INSERT INTO " + table + " (id, name) VALUES (?, ?)",
                List.of(new Object[] {21, "a"}, new Object[] {22, "b'c"}, new Object[] {23, "d\\e"}));
        assertEquals(3, counts.length);
        for (int c : counts) {
            // One row each, or SUCCESS_NO_INFO (-2), which JDBC allows for batches.
            assertEquals(true, c == 1 || c == Statement.SUCCESS_NO_INFO, "batch count " + c);
        }
        assertEquals(List.of("a", "b'c", "d\\e"),
                jdbc.queryForList("SELECT name FROM " + table + " WHERE id > 20 ORDER BY id", String.class));
    }

    private static void singleConnection(Service service, LocalServer server) throws Exception {
        try (Connection c = service.connect(server)) {
            SingleConnectionDataSource ds = new SingleConnectionDataSource(c, true);
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            assertArrayEquals(new Integer[] {1, 2},
                    jdbc.queryForList("SELECT * FROM (VALUES (1), (2)) AS t(x) ORDER BY x", Integer.class).toArray());
        }
    }

    @Test
    void fireboltTypedReads(LocalServer server) throws Exception {
        typedReads(Service.FIREBOLT, server);
    }

    @Test
    void tdTypedReads(LocalServer server) throws Exception {
        typedReads(Service.TD, server);
    }

    @Test
    void fireboltDecimalKeepsItsScale(LocalServer server) throws Exception {
        decimalKeepsItsScale(Service.FIREBOLT, server);
    }

    @Test
    void tdDecimalKeepsItsScale(LocalServer server) throws Exception {
        decimalKeepsItsScale(Service.TD, server);
    }

    @Test
    void fireboltUpdateCounts(LocalServer server) throws Exception {
        updateCounts(Service.FIREBOLT, server);
    }

    @Test
    void tdUpdateCounts(LocalServer server) throws Exception {
        updateCounts(Service.TD, server);
    }

    @Test
    void fireboltBatches(LocalServer server) throws Exception {
        batches(Service.FIREBOLT, server);
    }

    @Test
    void tdBatches(LocalServer server) throws Exception {
        batches(Service.TD, server);
    }

    @Test
    void fireboltSingleConnection(LocalServer server) throws Exception {
        singleConnection(Service.FIREBOLT, server);
    }

    @Test
    void tdSingleConnection(LocalServer server) throws Exception {
        singleConnection(Service.TD, server);
    }
}
