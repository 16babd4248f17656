package dev.rowpipe.spark;

import java.util.List;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcDialects;

/**
 * Spark JDBC dialects for the rowpipe driver's URLs: {@code jdbc:firebolt:} ({@link FireboltSparkDialect}) and
 * {@code jdbc:td:} ({@link TdSparkDialect.Hive}, {@link TdSparkDialect.Standard}).
 *
 * <p>With this jar on Spark's classpath (driver and executors, e.g. {@code --jars rowpipe-spark.jar,rowpipe-jdbc.jar})
 * Spark finds the dialects by itself ({@code META-INF/services/org.apache.spark.sql.jdbc.JdbcDialect}). Where its
 * class loader cannot see them (a jar added to a running session), register them once per JVM:
 * <pre>{@code RowpipeSparkDialects.register();}</pre>
 */
public final class RowpipeSparkDialects {
    private RowpipeSparkDialects() {
    }

    /** One of each dialect. */
    public static List<JdbcDialect> all() {
        return List.of(new FireboltSparkDialect(), new TdSparkDialect.Hive(), new TdSparkDialect.Standard());
    }

    /** Registers every dialect with Spark; calling it again replaces them (never registers one twice). */
    public static void register() {
        for (JdbcDialect d : all()) {
            JdbcDialects.registerDialect(d);
        }
    }

    /** Takes them out again. */
    public static void unregister() {
        for (JdbcDialect d : all()) {
            JdbcDialects.unregisterDialect(d);
        }
    }
}
