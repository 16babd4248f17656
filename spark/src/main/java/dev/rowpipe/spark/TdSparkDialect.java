package dev.rowpipe.spark;

import java.sql.Connection;
import java.util.Properties;
import org.apache.spark.sql.execution.datasources.jdbc.JDBCOptions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.Function1;

/**
 * {@code jdbc:td:} URLs. Literals and identifiers depend on the job engine: Hive reads a backslash as an escape and
 * a double-quoted text as a string (identifiers take backquotes), Presto and Trino follow standard SQL. Spark picks
 * a dialect from the URL alone, so the engine is the URL's {@code type} parameter ({@code hive} when absent, the
 * driver's default): {@link Hive} takes those URLs, {@link Standard} the ones with {@code type=presto} or
 * {@code type=trino}. A read or write whose options set another {@code type} than its URL fails at once saying so,
 * instead of sending SQL the engine would misread.
 */
public abstract class TdSparkDialect extends RowpipeJdbcDialect {
    private static final long serialVersionUID = 1L;

    /** The engines this dialect writes SQL for. */
    abstract boolean forEngine(String type);

    /** The engine a URL runs jobs on: its {@code type} parameter, else the driver's default. */
    static String engine(String url) {
        String type = property(url, new Properties(), "type");
        return type == null ? "hive" : type;
    }

    @Override
    String urlPrefix() {
        return "jdbc:td:";
    }

    @Override
    boolean acceptsUrl(String url) {
        return forEngine(engine(url));
    }

    @Override
    public Function1<Object, Connection> createConnectionFactory(JDBCOptions options) {
        String fromUrl = engine(options.url());
        String effective = property(options.url(), options.asConnectionProperties(), "type");
        if (effective != null && !effective.equals(fromUrl)) {
            throw new IllegalArgumentException("The rowpipe Spark dialect writes SQL for the Treasure Data engine the "
                    + "URL names (type=" + fromUrl + (fromUrl.equals("hive") ? ", the default" : "")
                    + "), but this read or write sets type=" + effective + " as an option: put ;type=" + effective
                    + " into the URL, so that literals and identifiers are written the way " + effective
                    + " reads them");
        }
        return super.createConnectionFactory(options);
    }

    @Override
    String typeName(DataType dt) {
        if (dt instanceof LongType) {
            return "BIGINT";
        } else if (dt instanceof ShortType) {
            return "SMALLINT";
        } else if (dt instanceof ByteType) {
            return "TINYINT";
        } else if (dt instanceof DoubleType) {
            return "DOUBLE";
        } else if (dt instanceof BooleanType) {
            return "BOOLEAN";
        } else if (dt instanceof DecimalType) {
            return decimal("DECIMAL", dt);
        } else if (dt instanceof DateType) {
            return "DATE";
        } else if (dt instanceof TimestampType || dt instanceof TimestampNTZType) {
            return "TIMESTAMP";
        }
        return engineTypeName(dt);
    }

    /** The types whose names differ between the engines. */
    abstract String engineTypeName(DataType dt);

    /** Hive jobs: backslash escapes, backquoted identifiers, {@code STRING}, {@code INT}, {@code array<T>}. */
    public static final class Hive extends TdSparkDialect {
        private static final long serialVersionUID = 1L;

        @Override
        boolean forEngine(String type) {
            return type.equals("hive");
        }

        @Override
        boolean backslashEscapes() {
            return true;
        }

        @Override
        char identifierQuote() {
            return '`';
        }

        @Override
        String engineTypeName(DataType dt) {
            if (dt instanceof StringType) {
                return "STRING";
            } else if (dt instanceof IntegerType) {
                return "INT";
            } else if (dt instanceof FloatType) {
                return "FLOAT";
            } else if (dt instanceof BinaryType) {
                return "BINARY";
            }
            return null;
        }

        @Override
        String arrayTypeName(String element) {
            return "ARRAY<" + element + ">";
        }
    }

    /** Presto and Trino jobs: standard literals, double-quoted identifiers, {@code VARCHAR}, {@code array(T)}. */
    public static final class Standard extends TdSparkDialect {
        private static final long serialVersionUID = 1L;

        @Override
        boolean forEngine(String type) {
            return type.equals("presto") || type.equals("trino");
        }

        @Override
        boolean backslashEscapes() {
            return false;
        }

        @Override
        char identifierQuote() {
            return '"';
        }

        @Override
        String engineTypeName(DataType dt) {
            if (dt instanceof StringType) {
                return "VARCHAR";
            } else if (dt instanceof IntegerType) {
                return "INTEGER";
            } else if (dt instanceof FloatType) {
                return "REAL";
            } else if (dt instanceof BinaryType) {
                return "VARBINARY";
            }
            return null;
        }

        @Override
        String arrayTypeName(String element) {
            return "ARRAY(" + element + ")";
        }
    }
}
