package dev.rowpipe.conformance;

import dev.rowpipe.local.LocalServer;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Meta;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** jOOQ over a plain connection: plain SQL field types, lazy fetching, and meta() reaching every column. */
@ExtendWith(SharedLocalServer.class)
class JooqTest {

    private static final String TABLE = "jq_items";

    private static void plainSqlFieldTypes(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        try (Connection c = service.connect(server)) {
            DSLContext dsl = DSL.using(c, SQLDialect.DEFAULT);
            Result<Record> r = dsl.resultQuery("SELECT id, name, price, created FROM " + TABLE + " ORDER BY id").fetch();
            assertEquals(10, r.size());
            assertEquals(Long.class, r.field(0).getType(), "id");
            assertEquals(String.class, r.field(1).getType(), "name");
            assertEquals(service == Service.FIREBOLT ? BigDecimal.class : Double.class, r.field(2).getType(), "price");
            assertEquals(Timestamp.class, r.field(3).getType(), "created");
            assertEquals("O'Brien", r.get(1).get(1));
            assertEquals(2L, r.get(1).get(0));
        }
    }

    private static void fetchLazy(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        try (Connection c = service.connect(server)) {
            DSLContext dsl = DSL.using(c, SQLDialect.DEFAULT);
            long sum = 0;
            int rows = 0;
            try (Cursor<Record> cursor = dsl.resultQuery("SELECT id, name FROM " + TABLE + " WHERE id > ? ORDER BY id", 5)
                    .fetchSize(2).fetchLazy()) {
                for (Record rec : cursor) {
                    sum += rec.get(0, Long.class);
                    rows++;
                }
            }
            assertEquals(5, rows);
            assertEquals(6 + 7 + 8 + 9 + 10, sum);
        }
    }

    private static void metaReachesEveryColumn(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        try (Connection c = service.connect(server)) {
            Meta meta = DSL.using(c, SQLDialect.DEFAULT).meta();
            List<Table<?>> tables = meta.getTables().stream().filter(t -> t.getName().equals(TABLE)).collect(Collectors.toList());
            assertEquals(1, tables.size(), "meta tables: " + meta.getTables());
            assertEquals(service.columns(),
                    List.of(tables.get(0).fields()).stream().map(Field::getName).collect(Collectors.toList()));
        }
    }

    @Test
    void fireboltPlainSqlFieldTypes(LocalServer server) throws Exception {
        plainSqlFieldTypes(Service.FIREBOLT, server);
    }

    @Test
    void tdPlainSqlFieldTypes(LocalServer server) throws Exception {
        plainSqlFieldTypes(Service.TD, server);
    }

    @Test
    void fireboltFetchLazy(LocalServer server) throws Exception {
        fetchLazy(Service.FIREBOLT, server);
    }

    @Test
    void tdFetchLazy(LocalServer server) throws Exception {
        fetchLazy(Service.TD, server);
    }

    @Test
    void fireboltMetaReachesEveryColumn(LocalServer server) throws Exception {
        metaReachesEveryColumn(Service.FIREBOLT, server);
    }

    @Test
    void tdMetaReachesEveryColumn(LocalServer server) throws Exception {
        metaReachesEveryColumn(Service.TD, server);
    }
}
