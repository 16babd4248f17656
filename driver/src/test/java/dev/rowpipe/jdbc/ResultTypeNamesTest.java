package dev.rowpipe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.firebolt.FireboltTypes;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ListRowCursor;
import dev.rowpipe.internal.spi.StatementResult;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result columns report the SQL names of the service's dialect; the service's own spelling is one unwrap away. */
class ResultTypeNamesTest {
    private final FakeSession session = FakeSession.likeFirebolt("db").on("SELECT typed", e -> StatementResult.rows(
            List.of(new ColumnInfo("id", FireboltTypes.parse("Nullable(Int64)")),
                    new ColumnInfo("price", FireboltTypes.parse("Nullable(Decimal(10, 2))")),
                    new ColumnInfo("tags", FireboltTypes.parse("Array(Nullable(String))"))),
            new ListRowCursor(List.of(Arrays.asList(1L, new BigDecimal("12.50"), List.of("a"))))));
    private final RowpipeConnection connection = new RowpipeConnection(session, null, "jdbc:fake:db");

    @Test
    void columnTypeNamesAreTheDialectsAndTheSpellingIsKept() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT typed")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(List.of("BIGINT", "DECIMAL", "ARRAY"),
                    List.of(md.getColumnTypeName(1), md.getColumnTypeName(2), md.getColumnTypeName(3)));
            assertEquals(ResultSetMetaData.columnNullable, md.isNullable(1));
            assertEquals(10, md.getPrecision(2));
            assertEquals(2, md.getScale(2));
            assertTrue(md.isWrapperFor(RowpipeResultSetMetaData.class));
            RowpipeResultSetMetaData own = md.unwrap(RowpipeResultSetMetaData.class);
            assertEquals("Nullable(Int64)", own.getSourceTypeName(1));
            assertEquals("Nullable(Decimal(10, 2))", own.getSourceTypeName(2));
            assertEquals(Types.VARCHAR, own.getElementType(3));
            assertEquals(Types.NULL, own.getElementType(1));
            assertTrue(rs.next());
            Array tags = rs.getArray(3);
            assertEquals("VARCHAR", tags.getBaseTypeName());
            assertEquals(Types.VARCHAR, tags.getBaseType());
        }
    }
}
