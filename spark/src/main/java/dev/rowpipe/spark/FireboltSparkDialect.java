package dev.rowpipe.spark;

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

/**
 * {@code jdbc:firebolt:} URLs, v1, 2.0 and Core alike: string literals that both of Firebolt's readings take the
 * same way (v1 reads a backslash as an escape, 2.0 and Core do not; quotes doubled, and a filter on a string with a
 * backslash left to Spark), identifiers double-quoted, and the column types are {@code TEXT}, {@code BIGINT},
 * {@code INTEGER}, {@code DOUBLE}, {@code REAL}, {@code BOOLEAN}, {@code DECIMAL(p,s)}, {@code DATE},
 * {@code TIMESTAMP}, {@code BYTEA} and {@code ARRAY(T)}.
 */
public final class FireboltSparkDialect extends RowpipeJdbcDialect {
    private static final long serialVersionUID = 1L;

    @Override
    String urlPrefix() {
        return "jdbc:firebolt:";
    }

    @Override
    boolean backslashEscapes() {
        return false;
    }

    @Override
    boolean literalsReadBothWays() {
        return true;
    }

    @Override
    char identifierQuote() {
        return '"';
    }

    @Override
    String typeName(DataType dt) {
        if (dt instanceof StringType) {
            return "TEXT";
        } else if (dt instanceof LongType) {
            return "BIGINT";
        } else if (dt instanceof IntegerType || dt instanceof ShortType || dt instanceof ByteType) {
            // Firebolt has no smaller integer type.
            return "INTEGER";
        } else if (dt instanceof DoubleType) {
            return "DOUBLE";
        } else if (dt instanceof FloatType) {
            return "REAL";
        } else if (dt instanceof BooleanType) {
            return "BOOLEAN";
        } else if (dt instanceof DecimalType) {
            return decimal("DECIMAL", dt);
        } else if (dt instanceof DateType) {
            return "DATE";
        } else if (dt instanceof TimestampType || dt instanceof TimestampNTZType) {
            return "TIMESTAMP";
        } else if (dt instanceof BinaryType) {
            return "BYTEA";
        }
        return null;
    }

    @Override
    String arrayTypeName(String element) {
        return "ARRAY(" + element + ")";
    }
}
