package dev.rowpipe.conformance;

import dev.rowpipe.local.LocalServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import schemacrawler.inclusionrule.RegularExpressionInclusionRule;
import schemacrawler.loader.utility.TableRowCountsUtility;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.ColumnDataType;
import schemacrawler.schema.DataTypeType;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.InfoLevel;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaRetrievalOptions;
import schemacrawler.tools.options.Config;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSource;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SchemaCrawler's full crawl (maximum info level, row counts), as its command line runs it. */
@ExtendWith(SharedLocalServer.class)
class SchemaCrawlerTest {

    private static final String TABLE = "sc_items";

    /** Warnings SchemaCrawler logs while it crawls: each is something it could not read from the driver. */
    private static final class Warnings extends Handler {
        final List<String> messages = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static Catalog crawl(LocalServer server, Service service, Warnings warnings) throws Exception {
        DatabaseConnectionSource source = DatabaseConnectionSources.fromDataSource(
                new PlainDataSource(service.url(server), service.properties(server)));
        SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                .withLoadOptions(LoadOptionsBuilder.builder().withInfoLevel(InfoLevel.maximum).toOptions())
                .withLimitOptions(LimitOptionsBuilder.builder()
                        .includeTables(new RegularExpressionInclusionRule(Pattern.compile(".*" + TABLE))).toOptions());
        Config config = new Config();
        config.put("load-row-counts", true);
        SchemaRetrievalOptions retrieval = SchemaCrawlerUtility.matchSchemaRetrievalOptions(source);
        Logger root = Logger.getLogger("");
        root.addHandler(warnings);
        try {
            return SchemaCrawlerUtility.getCatalog(source, retrieval, options, config);
        } finally {
            root.removeHandler(warnings);
        }
    }

    private static Table table(Catalog catalog) {
        List<Table> tables = catalog.getTables().stream().filter(t -> t.getName().equals(TABLE)).collect(Collectors.toList());
        assertEquals(1, tables.size(), "tables: " + catalog.getTables());
        return tables.get(0);
    }

    private static void findsTheTableAndItsColumns(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        Table table = table(crawl(server, service, new Warnings()));
        Map<String, Column> columns = table.getColumns().stream().collect(Collectors.toMap(Column::getName, c -> c));
        assertEquals(service.columns(),
                table.getColumns().stream().map(Column::getName).collect(Collectors.toList()));
        assertEquals(java.sql.Types.BIGINT, columns.get("id").getColumnDataType().getJavaSqlType().getVendorTypeNumber());
        // TD tables store timestamps as strings (TD column types: int, long, double, float, string, array, map).
        assertEquals(service == Service.TD ? java.sql.Types.VARCHAR : java.sql.Types.TIMESTAMP,
                columns.get("created").getColumnDataType().getJavaSqlType().getVendorTypeNumber());
        Column price = columns.get("price");
        if (service == Service.FIREBOLT) {
            assertEquals(java.sql.Types.DECIMAL, price.getColumnDataType().getJavaSqlType().getVendorTypeNumber());
            assertEquals(10, price.getSize(), "price COLUMN_SIZE");
            assertEquals(2, price.getDecimalDigits(), "price DECIMAL_DIGITS");
        } else {
            // TD tables have no decimal column type: a decimal written by CREATE TABLE AS is stored as a double.
            assertEquals(java.sql.Types.DOUBLE, price.getColumnDataType().getJavaSqlType().getVendorTypeNumber());
        }
    }

    private static void listsNoUserDefinedTypes(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        Catalog catalog = crawl(server, service, new Warnings());
        List<String> userDefined = new ArrayList<>();
        for (ColumnDataType type : catalog.getColumnDataTypes()) {
            if (type.getType() == DataTypeType.user_defined) {
                userDefined.add(type.getName());
            }
        }
        assertEquals(List.of(), userDefined, "type names that are not in getTypeInfo");
    }

    private static void countsRowsWithoutWarnings(Service service, LocalServer server) throws Exception {
        service.createTable(server, TABLE);
        Warnings warnings = new Warnings();
        Table table = table(crawl(server, service, warnings));
        assertEquals(List.of(), warnings.messages, "warnings during the crawl");
        assertTrue(TableRowCountsUtility.hasRowCount(table), "row count of " + table.getFullName());
        assertEquals(Dataset.ITEMS.size(), TableRowCountsUtility.getRowCount(table));
    }

    @Test
    void fireboltCrawlFindsTheTableAndItsColumns(LocalServer server) throws Exception {
        findsTheTableAndItsColumns(Service.FIREBOLT, server);
    }

    @Test
    void tdCrawlFindsTheTableAndItsColumns(LocalServer server) throws Exception {
        findsTheTableAndItsColumns(Service.TD, server);
    }

    @Test
    void fireboltCrawlListsNoUserDefinedTypes(LocalServer server) throws Exception {
        listsNoUserDefinedTypes(Service.FIREBOLT, server);
    }

    @Test
    void tdCrawlListsNoUserDefinedTypes(LocalServer server) throws Exception {
        listsNoUserDefinedTypes(Service.TD, server);
    }

    @Test
    void fireboltCrawlCountsRowsWithoutWarnings(LocalServer server) throws Exception {
        countsRowsWithoutWarnings(Service.FIREBOLT, server);
    }

    @Test
    void tdCrawlCountsRowsWithoutWarnings(LocalServer server) throws Exception {
        countsRowsWithoutWarnings(Service.TD, server);
    }
}
