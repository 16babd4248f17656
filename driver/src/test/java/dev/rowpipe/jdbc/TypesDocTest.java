package dev.rowpipe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.firebolt.FireboltDescription;
import dev.rowpipe.internal.firebolt.FireboltTypes;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.TypeInfo;
import dev.rowpipe.internal.td.TdDescription;
import dev.rowpipe.internal.td.TdTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.JDBCType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/types.md} true: every table is rendered by the driver's own code (the backends' type parsers,
 * their descriptions, {@link RowpipeResultSetMetaData} and {@link MetadataTypes}) from the type spellings listed
 * here, and must match the file. Run with {@code -Drowpipe.regenerateDocs=true} to rewrite it. It also checks what
 * the tables promise: every TYPE_NAME of a known type is a getTypeInfo row with the column's DATA_TYPE, carries no
 * parameters or nullability, and DECIMAL precision is within 1..38.
 */
class TypesDocTest {
    private static final Path DOC = Path.of("..", "docs", "types.md");

    /** What Firebolt writes in result headers (TSV types, JSON meta) and information_schema.columns. */
    private static final List<String> FIREBOLT = List.of("Int32", "Nullable(Int64)", "INTEGER", "BIGINT", "UInt64",
            "Float32", "Float64", "DOUBLE PRECISION", "Decimal(10, 2)", "Nullable(Decimal(38, 9))", "DECIMAL(10,2)",
            "String", "TEXT", "VARCHAR", "Date", "PGDate", "DateTime", "TIMESTAMP", "TimestampNtz", "DateTime64(6)",
            "Timestamptz", "Boolean", "ByteA", "Array(Int32)", "Nullable(Array(Nullable(String)))", "INTEGER[]",
            "Tuple(Int32, String)", "Nullable(Nothing)", "TEXT NOT NULL", "Int64 NULL", "IntervalDay");

    /** What Firebolt 2.0 and Core write in result headers and information_schema.columns. */
    private static final List<String> FIREBOLT_2 = List.of("int", "int null", "bigint not null", "real",
            "double precision", "numeric(38, 9) null", "text", "text not null", "boolean", "date", "timestamp",
            "timestamptz null", "bytea", "array(int null) null", "array(array(text null) null)", "geography");

    /** TD table schemas ({@code /v3/table/list}). */
    private static final List<String> TD_TABLES = List.of("int", "long", "double", "float", "string",
            "array<string>", "array<long>", "map<string,string>");

    /** TD job result schemas ({@code hive_result_schema}) as Hive and Presto/Trino write them. */
    private static final List<String> TD_RESULTS = List.of("bigint", "int", "integer", "smallint", "tinyint",
            "double", "float", "real", "decimal(12,2)", "decimal(38,9)", "boolean", "string", "varchar",
            "varchar(10)", "date", "timestamp", "timestamp(3) with time zone", "varbinary", "binary",
            "array(varchar)", "array<bigint>", "map(varchar,bigint)", "struct<a:int>", "row(a integer)", "json",
            "interval day to second");

    static String render() throws SQLException {
        StringBuilder out = new StringBuilder();
        out.append("# Type mappings\n\n");
        out.append("Generated from the driver's type parsers and descriptions by `TypesDocTest`; do not edit by hand\n");
        out.append("(run the driver tests with `-Drowpipe.regenerateDocs=true` to rewrite it).\n\n");
        out.append("A column reports the SQL type name of the service's dialect in `getColumns` TYPE_NAME and\n");
        out.append("`ResultSetMetaData.getColumnTypeName` alike, and every such name is a row of `getTypeInfo`. The\n");
        out.append("name carries no parameters and no nullability: precision and scale are in COLUMN_SIZE /\n");
        out.append("DECIMAL_DIGITS and `getPrecision` / `getScale` (DECIMAL precision is always within 1..38, 38 when\n");
        out.append("the service states none), nullability in NULLABLE and `isNullable`. The service's own spelling\n");
        out.append("stays available: `getColumns` has a last column of the driver's own, `SOURCE_TYPE_NAME`, and\n");
        out.append("`resultSet.getMetaData().unwrap(RowpipeResultSetMetaData.class).getSourceTypeName(i)` gives it for a\n");
        out.append("result column (with `getElementType`, `getElementPrecision` and `getElementScale` for arrays). A type\n");
        out.append("the driver does not know is read as text, reports JDBC type OTHER and keeps the service's spelling.\n\n");
        section(out, "Firebolt", "Firebolt type", FIREBOLT, FireboltTypes::parse, FireboltDescription.DESCRIPTION);
        section(out, "Firebolt 2.0 and Firebolt Core", "Firebolt 2.0 type", FIREBOLT_2, FireboltTypes::parse,
                FireboltDescription.DESCRIPTION_2);
        section(out, "Treasure Data, Hive jobs (`type=hive`, the default)", "TD type",
                both(), TdTypesDocSource::parse, TdDescription.HIVE);
        section(out, "Treasure Data, Presto and Trino jobs (`type=presto`, `type=trino`)", "TD type",
                both(), TdTypesDocSource::parse, TdDescription.STANDARD);
        out.append("TD table schemas (`/v3/table/list`, marked *table*) use TD's own column types, in which `int` and\n");
        out.append("`long` are both 64-bit and `float` is stored as a double; job results use the engine's types.\n");
        out.append("TD tables have no decimal or timestamp column type: a decimal written by `CREATE TABLE AS` is\n");
        out.append("stored as a double and a timestamp as a string. Decimals in results keep their declared scale in\n");
        out.append("every result format (msgpack carries them as doubles: see `result_format` in properties.md).\n");
        return out.toString();
    }

    private static List<String> both() {
        List<String> all = new ArrayList<>();
        TD_TABLES.forEach(t -> all.add(TdTypesDocSource.TABLE + t));
        all.addAll(TD_RESULTS);
        return all;
    }

    /** TD spellings from table schemas are marked, since they parse with TD's own column types. */
    private static final class TdTypesDocSource {
        static final String TABLE = "table:";

        static ColumnType parse(String spelled) {
            return spelled.startsWith(TABLE) ? TdTypes.parseTableType(spelled.substring(TABLE.length()))
                    : TdTypes.parse(spelled);
        }
    }

    private static void section(StringBuilder out, String title, String what, List<String> spellings,
                                Function<String, ColumnType> parser, BackendDescription description)
            throws SQLException {
        out.append("## ").append(title).append("\n\n");
        out.append("| ").append(what).append(" | TYPE_NAME | DATA_TYPE | COLUMN_SIZE | DECIMAL_DIGITS | NULLABLE | "
                + "getObject |\n|---|---|---|---|---|---|---|\n");
        for (String spelled : spellings) {
            ColumnType type = parser.apply(spelled);
            RowpipeResultSetMetaData md = new RowpipeResultSetMetaData(List.of(new ColumnInfo("c", type)),
                    description);
            String name = md.getColumnTypeName(1);
            checkPromise(spelled, type, name, md, description);
            Integer size = MetadataTypes.columnSize(type);
            Integer digits = MetadataTypes.decimalDigits(type);
            String shown = spelled.startsWith(TdTypesDocSource.TABLE)
                    ? "`" + spelled.substring(TdTypesDocSource.TABLE.length()) + "` *table*" : "`" + spelled + "`";
            out.append("| ").append(shown).append(" | `").append(name).append("` | ")
                    .append(JDBCType.valueOf(md.getColumnType(1)).getName()).append(" | ")
                    .append(size == null ? "" : size).append(" | ").append(digits == null ? "" : digits).append(" | ")
                    .append(md.isNullable(1) == ResultSetMetaData.columnNullable ? "nullable" : "not null")
                    .append(" | `").append(simpleName(md.getColumnClassName(1))).append("` |\n");
        }
        out.append("\n`getTypeInfo`:\n\n| TYPE_NAME | DATA_TYPE | PRECISION | CREATE_PARAMS | literal | scale |\n"
                + "|---|---|---|---|---|---|\n");
        List<TypeInfo> types = new ArrayList<>(description.types());
        types.sort(Comparator.comparingInt(TypeInfo::dataType));
        for (TypeInfo t : types) {
            String literal = t.literalPrefix() == null ? ""
                    : "`" + t.literalPrefix() + "..." + (t.literalSuffix() == null ? "" : t.literalSuffix()) + "`";
            out.append("| `").append(t.name()).append("` | ").append(JDBCType.valueOf(t.dataType()).getName())
                    .append(" | ").append(t.precision()).append(" | ").append(t.createParams() == null ? ""
                            : t.createParams()).append(" | ").append(literal).append(" | ")
                    .append(t.maximumScale() == 0 ? "" : t.minimumScale() + ".." + t.maximumScale()).append(" |\n");
        }
        out.append('\n');
    }

    private static String simpleName(String className) {
        if (className.equals(byte[].class.getName())) {
            return "byte[]";
        }
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** What docs/types.md and the issue promise of every column the driver reports. */
    private static void checkPromise(String spelled, ColumnType type, String name, RowpipeResultSetMetaData md,
                                     BackendDescription description) throws SQLException {
        if (type.kind() == ColumnType.Kind.OTHER) {
            assertEquals(type.typeName(), name, spelled + ": an unknown type keeps the service's spelling");
            return;
        }
        int dataType = md.getColumnType(1);
        assertTrue(description.types().stream().anyMatch(t -> t.name().equals(name) && t.dataType() == dataType),
                spelled + " reports " + name + ", not in getTypeInfo");
        assertFalse(name.contains("(") || name.toUpperCase(java.util.Locale.ROOT).contains("NULL"),
                spelled + " reports " + name + ": parameters or nullability in the name");
        assertEquals(type.typeName(), md.getSourceTypeName(1));
        if (type.kind() == ColumnType.Kind.DECIMAL) {
            assertTrue(md.getPrecision(1) >= 1 && md.getPrecision(1) <= 38, spelled + " precision " + md.getPrecision(1));
            assertEquals(md.getPrecision(1), MetadataTypes.columnSize(type));
        }
    }

    @Test
    void docsListEveryTypeMappingAsTheCodeMakesIt() throws IOException, SQLException {
        String expected = render();
        if (Boolean.getBoolean("rowpipe.regenerateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "docs/types.md is out of date: run the driver tests with "
                + "-Drowpipe.regenerateDocs=true");
    }

    @Test
    void decimalPrecisionIsWithinWhatConsumersTake() throws SQLException {
        for (ColumnType t : List.of(ColumnType.decimal("decimal", 0, 0), ColumnType.decimal("decimal(76,2)", 76, 2),
                ColumnType.decimal("decimal(1,0)", 1, 0))) {
            RowpipeResultSetMetaData md = new RowpipeResultSetMetaData(List.of(new ColumnInfo("c", t)),
                    FireboltDescription.DESCRIPTION);
            int p = md.getPrecision(1);
            assertTrue(p >= 1 && p <= 38, t.typeName() + " -> " + p);
            assertEquals(p, MetadataTypes.columnSize(t));
        }
    }
}
