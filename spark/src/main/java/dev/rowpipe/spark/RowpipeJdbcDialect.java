package dev.rowpipe.spark;

import dev.rowpipe.jdbc.RowpipeDriver;
import dev.rowpipe.jdbc.RowpipeResultSetMetaData;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.GeneralScalarExpression;
import org.apache.spark.sql.connector.expressions.LiteralValue;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcType;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.Option;

/**
 * What the three rowpipe dialects share: literals written the way the service reads them, identifier quoting,
 * Catalyst types both ways, and cheap schema and table-exists queries. Each subclass says which URLs it takes and
 * its service's spelling of literals, identifiers and types.
 *
 * <p>Spark compiles pushed-down filters with {@link #compileValue}: without a dialect it doubles quotes only, which
 * Firebolt v1 and Hive read differently (a backslash escapes there), so rows silently go missing. Here a string is
 * escaped exactly as the driver escapes a bound parameter of the same service, or, for Firebolt, whose URL does not
 * tell v1 from 2.0, written so both read it alike ({@link #literalsReadBothWays}). Spark's {@code LIKE} pushdown
 * (startsWith, endsWith, contains) writes a standard-SQL literal and {@code ESCAPE '\'} itself, which a
 * backslash-escaping service misreads, so those filters are not pushed to such a service: Spark applies them.
 */
abstract class RowpipeJdbcDialect extends JdbcDialect {
    private static final long serialVersionUID = 1L;

    /** Metadata keys {@link #updateExtraColumnMeta} leaves for {@link #getCatalystType}: an array's elements. */
    static final String ELEMENT_TYPE = "rowpipe.elementType";
    static final String ELEMENT_PRECISION = "rowpipe.elementPrecision";
    static final String ELEMENT_SCALE = "rowpipe.elementScale";

    /** Spark's V2 functions that it compiles into a LIKE with a standard-SQL pattern literal. */
    private static final Set<String> LIKE_FUNCTIONS = Set.of("STARTS_WITH", "ENDS_WITH", "CONTAINS");

    /** True when a backslash inside a string literal escapes the next character (Hive). */
    abstract boolean backslashEscapes();

    /**
     * True when the dialect cannot know from the URL whether the server reads a backslash as an escape, so every
     * literal it writes must read the same either way (Firebolt: v1 escapes, 2.0 and Core read standard strings,
     * and which one a URL reaches depends on its credentials, which Spark does not show a dialect). Quotes are
     * doubled, which both readings take as one quote; a string holding a backslash has no spelling both read alike,
     * so a filter with one is not pushed down and Spark applies it.
     */
    boolean literalsReadBothWays() {
        return false;
    }

    /** The identifier quote. */
    abstract char identifierQuote();

    /** The service's column type for a Catalyst type, or null when it has none. */
    abstract String typeName(DataType type);

    /** An array column type from its element's type name, e.g. {@code ARRAY(INT)} or {@code array<int>}. */
    abstract String arrayTypeName(String element);

    /** The URL prefix this dialect takes, e.g. {@code jdbc:firebolt:}. */
    abstract String urlPrefix();

    /** Further conditions on the URL (the TD engine); true when there are none. */
    boolean acceptsUrl(String url) {
        return true;
    }

    @Override
    public boolean canHandle(String url) {
        return url != null && url.regionMatches(true, 0, urlPrefix(), 0, urlPrefix().length()) && acceptsUrl(url);
    }

    @Override
    public String quoteIdentifier(String name) {
        String q = String.valueOf(identifierQuote());
        return q + name.replace(q, q + q) + q;
    }

    /**
     * A string literal that reads back as exactly {@code value}; the same rules as the driver's bound parameters.
     * Written here rather than called from the driver's {@code internal.spi.SqlLiterals}: this jar uses only the
     * driver's public API, so it works with whichever driver jar the cluster carries. {@code LiteralsMatchDriverTest}
     * holds both to the same literals.
     */
    String quoteString(String value) {
        if (literalsReadBothWays() && value.indexOf('\\') >= 0) {
            // compileExpression keeps such filters from being pushed down; nothing else should ask.
            throw new IllegalArgumentException("A string with a backslash has no literal that Firebolt v1 and "
                    + "Firebolt 2.0 read alike; the filter is left to Spark");
        }
        if (!backslashEscapes()) {
            return "'" + value.replace("'", "''") + "'";
        }
        StringBuilder out = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    @Override
    public String escapeSql(String value) {
        if (value == null) {
            return null;
        }
        String quoted = quoteString(value);
        return quoted.substring(1, quoted.length() - 1);
    }

    /**
     * Strings escaped for the service; dates and timestamps as typed literals ({@code DATE '...'},
     * {@code TIMESTAMP '...'}), which every one of the engines reads, where Spark's bare {@code '...'} fails in
     * Presto against a timestamp column.
     */
    @Override
    public Object compileValue(Object value) {
        if (value instanceof String s) {
            return quoteString(s);
        }
        if (value instanceof Timestamp || value instanceof LocalDateTime || value instanceof Instant) {
            return "TIMESTAMP " + super.compileValue(value);
        }
        if (value instanceof Date || value instanceof LocalDate) {
            return "DATE " + super.compileValue(value);
        }
        return super.compileValue(value);
    }

    @Override
    public Option<String> compileExpression(Expression expr) {
        boolean backslashesMatter = backslashEscapes() || literalsReadBothWays();
        if (backslashesMatter && usesLike(expr) || literalsReadBothWays() && hasStringWithBackslash(expr)) {
            return Option.empty();
        }
        return super.compileExpression(expr);
    }

    private static boolean hasStringWithBackslash(Expression expr) {
        if (expr instanceof LiteralValue<?> literal && literal.value() != null
                && literal.value().toString().indexOf('\\') >= 0 && literal.dataType() instanceof StringType) {
            return true;
        }
        for (Expression child : expr.children()) {
            if (hasStringWithBackslash(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesLike(Expression expr) {
        if (expr instanceof GeneralScalarExpression g && LIKE_FUNCTIONS.contains(g.name())) {
            return true;
        }
        for (Expression child : expr.children()) {
            if (usesLike(child)) {
                return true;
            }
        }
        return false;
    }

    /** The element type of an array column, for {@link #getCatalystType} (the type name alone is ARRAY). */
    @Override
    public void updateExtraColumnMeta(Connection conn, ResultSetMetaData rsmd, int column, MetadataBuilder metadata) {
        try {
            if (rsmd.getColumnType(column) == Types.ARRAY && rsmd.isWrapperFor(RowpipeResultSetMetaData.class)) {
                RowpipeResultSetMetaData own = rsmd.unwrap(RowpipeResultSetMetaData.class);
                metadata.putLong(ELEMENT_TYPE, own.getElementType(column));
                metadata.putLong(ELEMENT_PRECISION, own.getElementPrecision(column));
                metadata.putLong(ELEMENT_SCALE, own.getElementScale(column));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the element type of column " + column + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Arrays by their element type; the types Spark's default mapping does not take (maps, rows, zoned timestamps,
     * types the driver reads as text) as what the driver returns for them. Everything else as Spark maps it
     * (DECIMAL precision is always 1..38, so {@code DecimalType} takes it).
     */
    @Override
    public Option<DataType> getCatalystType(int sqlType, String typeName, int size, MetadataBuilder md) {
        switch (sqlType) {
            case Types.ARRAY -> {
                org.apache.spark.sql.types.Metadata m = md.build();
                int element = m.contains(ELEMENT_TYPE) ? (int) m.getLong(ELEMENT_TYPE) : Types.VARCHAR;
                int precision = m.contains(ELEMENT_PRECISION) ? (int) m.getLong(ELEMENT_PRECISION) : 0;
                int scale = m.contains(ELEMENT_SCALE) ? (int) m.getLong(ELEMENT_SCALE) : 0;
                return Option.apply(DataTypes.createArrayType(elementType(element, precision, scale), true));
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                return Option.apply(DataTypes.TimestampType);
            }
            case Types.JAVA_OBJECT, Types.STRUCT, Types.OTHER -> {
                // Maps and rows read as their JSON-like text, unknown types as text.
                return Option.apply(DataTypes.StringType);
            }
            default -> {
                return Option.empty();
            }
        }
    }

    /** Spark's array element conversions take these classes, which the driver's arrays hold. */
    private static DataType elementType(int sqlType, int precision, int scale) {
        return switch (sqlType) {
            case Types.BIGINT -> DataTypes.LongType;
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> DataTypes.IntegerType;
            case Types.DOUBLE -> DataTypes.DoubleType;
            case Types.REAL -> DataTypes.FloatType;
            case Types.BOOLEAN -> DataTypes.BooleanType;
            case Types.DECIMAL, Types.NUMERIC -> DataTypes.createDecimalType(precision >= 1 && precision <= 38
                    ? precision : 38, Math.max(0, Math.min(scale, 38)));
            // Text, and what a Spark array cannot take as the driver gives it (dates, timestamps, nested arrays):
            // their text.
            default -> DataTypes.StringType;
        };
    }

    @Override
    public Option<JdbcType> getJDBCType(DataType dt) {
        if (dt instanceof ArrayType array) {
            String element = typeName(array.elementType());
            return element == null ? Option.empty()
                    : Option.apply(new JdbcType(arrayTypeName(element), Types.ARRAY));
        }
        String name = typeName(dt);
        return name == null ? Option.empty() : Option.apply(new JdbcType(name, jdbcCode(dt)));
    }

    private static int jdbcCode(DataType dt) {
        if (dt instanceof StringType) {
            return Types.VARCHAR;
        } else if (dt instanceof LongType) {
            return Types.BIGINT;
        } else if (dt instanceof IntegerType) {
            return Types.INTEGER;
        } else if (dt instanceof ShortType) {
            return Types.SMALLINT;
        } else if (dt instanceof ByteType) {
            return Types.TINYINT;
        } else if (dt instanceof DoubleType) {
            return Types.DOUBLE;
        } else if (dt instanceof FloatType) {
            return Types.REAL;
        } else if (dt instanceof BooleanType) {
            return Types.BOOLEAN;
        } else if (dt instanceof DecimalType) {
            return Types.DECIMAL;
        } else if (dt instanceof DateType) {
            return Types.DATE;
        } else if (dt instanceof TimestampType || dt instanceof TimestampNTZType) {
            return Types.TIMESTAMP;
        } else if (dt instanceof BinaryType) {
            return Types.VARBINARY;
        }
        return Types.OTHER;
    }

    /** {@code DECIMAL(p,s)} in the service's spelling of the word. */
    static String decimal(String word, DataType dt) {
        DecimalType d = (DecimalType) dt;
        return word + "(" + d.precision() + "," + d.scale() + ")";
    }

    /** Cheap on both services: Firebolt answers it without reading data, the driver answers it on TD from the schema. */
    @Override
    public String getTableExistsQuery(String table) {
        return "SELECT * FROM " + table + " WHERE 1=0";
    }

    @Override
    public String getSchemaQuery(String table) {
        return "SELECT * FROM " + table + " WHERE 1=0";
    }

    /** The driver reports a missing table or database as 42S02. */
    @Override
    public boolean isObjectNotFoundException(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("42S02");
    }

    /**
     * The value of a connection property as the driver reads it from {@code url} and {@code info} (the URL wins),
     * through the driver's own URL grammar; its default when neither sets it.
     */
    static String property(String url, Properties info, String name) {
        try {
            for (DriverPropertyInfo p : new RowpipeDriver().getPropertyInfo(url, info)) {
                if (p.name.equalsIgnoreCase(name)) {
                    return p.value == null ? null : p.value.toLowerCase(Locale.ROOT);
                }
            }
            return null;
        } catch (SQLException e) {
            return null;
        }
    }

    /** Dialects are stateless: one of a class is as good as another (registering twice replaces, never adds). */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
