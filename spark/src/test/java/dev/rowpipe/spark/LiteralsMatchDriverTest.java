package dev.rowpipe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rowpipe.internal.firebolt.Firebolt2Dialect;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.td.TdDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.junit.jupiter.api.Test;

/**
 * The dialects write their own string literals (this jar uses only the driver's public API, so it works with the
 * driver jar a cluster carries); here they are held to the driver's own literals, on hostile strings: quotes,
 * backslashes, control characters, comment and statement starts, non-ASCII and broken surrogates.
 */
class LiteralsMatchDriverTest {
    private static final String[] PIECES = {"'", "''", "\\", "\\'", "\"", "`", "\n", "\r", "\t", "\0", ";", "--",
        "/*", "*/", "a", "Z", " ", "é", "\u00a0", "\u2028", "\u0085", "\u001f", "\u007f", "\ud83d\ude00", "\ud800",
        "\udc00", "$$", "%", "_", "?", "OR 1=1"};

    private static List<String> hostileStrings() {
        List<String> values = new ArrayList<>(List.of("", "'", "\\", "\\\\'", "O'Brien", "ends\\", "a\nb",
                "'; DROP TABLE t; --"));
        Random random = new Random(20240601);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                value.append(PIECES[random.nextInt(PIECES.length)]);
            }
            values.add(value.toString());
        }
        return values;
    }

    private static void assertSameLiterals(JdbcDialect spark, SqlDialect driver) {
        for (String value : hostileStrings()) {
            assertEquals(driver.quoteString(value), spark.compileValue(value), () -> "literal of " + escaped(value));
        }
    }

    @Test
    void hiveWritesTheDriversHiveLiterals() {
        assertSameLiterals(new TdSparkDialect.Hive(), TdDialect.HIVE);
    }

    @Test
    void prestoAndTrinoWriteTheDriversStandardLiterals() {
        assertSameLiterals(new TdSparkDialect.Standard(), TdDialect.STANDARD);
    }

    @Test
    void fireboltWritesThe20LiteralsOrRefusesABackslash() {
        // Without a backslash, 2.0's literal (quotes doubled) is one v1 reads alike; with one there is none.
        JdbcDialect firebolt = new FireboltSparkDialect();
        for (String value : hostileStrings()) {
            if (value.indexOf('\\') >= 0) {
                assertThrows(IllegalArgumentException.class, () -> firebolt.compileValue(value), () -> escaped(value));
            } else {
                assertEquals(Firebolt2Dialect.INSTANCE.quoteString(value), firebolt.compileValue(value),
                        () -> "literal of " + escaped(value));
            }
        }
    }

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return out.toString();
    }
}
