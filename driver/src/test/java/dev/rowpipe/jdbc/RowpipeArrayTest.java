package dev.rowpipe.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** getArray never fails with ArrayStoreException: content that does not fit the element class makes an Object[]. */
class RowpipeArrayTest {
    @Test
    void nestedListsWhereTheSchemaSaysScalarsBecomeNestedArrays() throws SQLException {
        // A msgpack (or JSON) result may nest where array<bigint> says it does not.
        RowpipeArray array = new RowpipeArray(ColumnType.of(Kind.BIGINT, "bigint"),
                List.of(1L, List.of(2L, List.of(3L)), Arrays.asList((Object) null)));
        Object[] out = (Object[]) array.getArray();
        assertEquals(Object[].class, out.getClass());
        assertEquals(1L, out[0]);
        assertArrayEquals(new Object[] {2L, new Object[] {3L}}, (Object[]) out[1]);
        assertArrayEquals(new Object[] {null}, (Object[]) out[2]);
        assertEquals(Long[].class, new RowpipeArray(ColumnType.of(Kind.BIGINT, "bigint"), List.of(1L, 2L))
                .getArray().getClass(), "arrays that fit keep their element class");
    }

    @Test
    void mixedScalarsMakeAnObjectArray() throws SQLException {
        RowpipeArray array = new RowpipeArray(ColumnType.of(Kind.INTEGER, "int"), List.of(1, "two", 3L));
        assertArrayEquals(new Object[] {1, "two", 3L}, (Object[]) array.getArray());
    }
}
