package dev.rowpipe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.LiteralValue;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.execution.datasources.jdbc.JDBCOptions;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class RowpipeSparkDialectsTest {
    private static final String FIREBOLT = "jdbc:firebolt://127.0.0.1:1/db?ssl=false";
    private static final String TD = "jdbc:td://127.0.0.1:1/db;useSSL=false";
    private static final String TD_PRESTO = "jdbc:td://127.0.0.1:1/db;useSSL=false;type=presto";

    private static Expression equalTo(String column, String value) {
        return new Predicate("=", new Expression[] {Expressions.column(column),
            new LiteralValue<>(UTF8String.fromString(value), DataTypes.StringType)});
    }

    @Test
    void sparkFindsOneDialectPerUrlFromTheServiceFile() {
        assertInstanceOf(FireboltSparkDialect.class, JdbcDialects.get(FIREBOLT));
        assertInstanceOf(TdSparkDialect.Hive.class, JdbcDialects.get(TD));
        assertInstanceOf(TdSparkDialect.Hive.class, JdbcDialects.get(TD + ";type=HIVE"));
        assertInstanceOf(TdSparkDialect.Standard.class, JdbcDialects.get(TD_PRESTO));
        assertInstanceOf(TdSparkDialect.Standard.class, JdbcDialects.get("jdbc:td:db?type=trino"));
        // Registering by hand as well replaces, never doubles (two matching dialects would be aggregated).
        RowpipeSparkDialects.register();
        RowpipeSparkDialects.register();
        assertInstanceOf(FireboltSparkDialect.class, JdbcDialects.get(FIREBOLT));
        assertFalse(new FireboltSparkDialect().canHandle("jdbc:postgresql://h/db"));
    }

    @Test
    void stringsAreWrittenAsTheServiceReadsThem() {
        JdbcDialect firebolt = new FireboltSparkDialect();
        JdbcDialect hive = new TdSparkDialect.Hive();
        JdbcDialect presto = new TdSparkDialect.Standard();
        // Firebolt v1 and 2.0 both read a doubled quote as one; a backslash has no spelling both read alike.
        assertEquals("'O''Brien'", firebolt.compileValue("O'Brien"));
        assertThrows(IllegalArgumentException.class, () -> firebolt.compileValue("back\\slash"));
        assertEquals("'ends\\\\'", hive.compileValue("ends\\"));
        assertEquals("'O''Brien'", presto.compileValue("O'Brien"));
        assertEquals("'back\\slash'", presto.compileValue("back\\slash"));
        assertEquals("'a\\nb'", hive.compileValue("a\nb"));
        assertEquals("TIMESTAMP '2024-01-01 10:00:00.0'", presto.compileValue(Timestamp.valueOf("2024-01-01 10:00:00")));
        assertEquals("DATE '2024-01-02'", hive.compileValue(Date.valueOf("2024-01-02")));
        assertEquals(5, firebolt.compileValue(5));
        assertEquals("'x', 'y''z'", presto.compileValue(new Object[] {"x", "y'z"}));
    }

    @Test
    void identifiersArePerEngine() {
        assertEquals("\"na\"\"me\"", new FireboltSparkDialect().quoteIdentifier("na\"me"));
        assertEquals("`name`", new TdSparkDialect.Hive().quoteIdentifier("name"));
        assertEquals("\"name\"", new TdSparkDialect.Standard().quoteIdentifier("name"));
    }

    @Test
    void pushedDownFiltersUseTheDialectsLiteralsAndLikeIsLeftToSpark() {
        assertEquals("\"name\" = 'O''Brien'",
                new FireboltSparkDialect().compileExpression(equalTo("name", "O'Brien")).get());
        assertTrue(new FireboltSparkDialect().compileExpression(equalTo("name", "back\\slash")).isEmpty());
        assertEquals("`name` = 'O\\'Brien'",
                new TdSparkDialect.Hive().compileExpression(equalTo("name", "O'Brien")).get());
        Expression startsWith = new Predicate("STARTS_WITH", new Expression[] {Expressions.column("name"),
            new LiteralValue<>(UTF8String.fromString("O'"), DataTypes.StringType)});
        Expression both = new Predicate("AND", new Expression[] {equalTo("id", "1"), startsWith});
        assertTrue(new FireboltSparkDialect().compileExpression(both).isEmpty());
        assertTrue(new TdSparkDialect.Hive().compileExpression(startsWith).isEmpty());
        assertTrue(new TdSparkDialect.Standard().compileExpression(startsWith).isDefined());
    }

    @Test
    void catalystTypesBothWays() {
        JdbcDialect firebolt = new FireboltSparkDialect();
        assertEquals("TEXT", firebolt.getJDBCType(DataTypes.StringType).get().databaseTypeDefinition());
        assertEquals("DECIMAL(12,2)", firebolt.getJDBCType(DataTypes.createDecimalType(12, 2)).get()
                .databaseTypeDefinition());
        assertEquals("ARRAY(BIGINT)", firebolt.getJDBCType(DataTypes.createArrayType(DataTypes.LongType)).get()
                .databaseTypeDefinition());
        assertEquals(Types.ARRAY, firebolt.getJDBCType(DataTypes.createArrayType(DataTypes.LongType)).get()
                .jdbcNullType());
        assertEquals("TIMESTAMP", firebolt.getJDBCType(DataTypes.TimestampType).get().databaseTypeDefinition());
        assertEquals("ARRAY<STRING>", new TdSparkDialect.Hive().getJDBCType(
                DataTypes.createArrayType(DataTypes.StringType)).get().databaseTypeDefinition());
        assertEquals("VARCHAR", new TdSparkDialect.Standard().getJDBCType(DataTypes.StringType).get()
                .databaseTypeDefinition());

        MetadataBuilder md = new MetadataBuilder();
        md.putLong(RowpipeJdbcDialect.ELEMENT_TYPE, Types.DECIMAL);
        md.putLong(RowpipeJdbcDialect.ELEMENT_PRECISION, 10);
        md.putLong(RowpipeJdbcDialect.ELEMENT_SCALE, 2);
        assertEquals(DataTypes.createArrayType(DataTypes.createDecimalType(10, 2), true),
                firebolt.getCatalystType(Types.ARRAY, "ARRAY", 0, md).get());
        MetadataBuilder longs = new MetadataBuilder();
        longs.putLong(RowpipeJdbcDialect.ELEMENT_TYPE, Types.BIGINT);
        assertEquals(DataTypes.createArrayType(DataTypes.LongType, true),
                firebolt.getCatalystType(Types.ARRAY, "ARRAY", 0, longs).get());
        assertEquals(DataTypes.StringType, firebolt.getCatalystType(Types.JAVA_OBJECT, "MAP", 0,
                new MetadataBuilder()).get());
        assertEquals(DataTypes.TimestampType, firebolt.getCatalystType(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMPTZ",
                0, new MetadataBuilder()).get());
        assertTrue(firebolt.getCatalystType(Types.DECIMAL, "DECIMAL", 12, new MetadataBuilder()).isEmpty(),
                "Spark's own mapping takes decimals of precision 1..38");
    }

    @Test
    void cheapSchemaAndExistenceQueries() {
        assertEquals("SELECT * FROM t WHERE 1=0", new TdSparkDialect.Hive().getTableExistsQuery("t"));
        assertEquals("SELECT * FROM t WHERE 1=0", new FireboltSparkDialect().getSchemaQuery("t"));
    }

    @Test
    void anEngineSetAsAnOptionThatTheUrlDoesNotSayFailsAtOnce() {
        JDBCOptions options = new JDBCOptions(CollectionConverters.asScala(Map.of("url", TD, "dbtable", "t",
                "type", "presto")).toMap(scala.$less$colon$less$.MODULE$.refl()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TdSparkDialect.Hive().createConnectionFactory(options));
        assertTrue(e.getMessage().contains(";type=presto"), e.getMessage());
        JDBCOptions agreeing = new JDBCOptions(CollectionConverters.asScala(Map.of("url", TD_PRESTO, "dbtable", "t",
                "type", "presto")).toMap(scala.$less$colon$less$.MODULE$.refl()));
        new TdSparkDialect.Standard().createConnectionFactory(agreeing);
        assertSame(TdSparkDialect.Standard.class, JdbcDialects.get(TD_PRESTO).getClass());
    }
}
