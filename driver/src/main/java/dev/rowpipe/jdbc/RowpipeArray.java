package dev.rowpipe.jdbc;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A SQL ARRAY value held in memory (arrays arrive whole inside one row). {@link #getArray()} gives a Java array of
 * the element type's class (Long[] for Int64, String[] for text, Object[] of nested arrays); the text form is JSON-like.
 */
public final class RowpipeArray implements Array {
    private final ColumnType elementType;
    private List<?> elements;

    RowpipeArray(ColumnType elementType, List<?> elements) {
        this.elementType = elementType;
        this.elements = elements;
    }

    private List<?> elements() throws SQLException {
        if (elements == null) {
            throw SqlState.FUNCTION_SEQUENCE_ERROR.exception("Array has been freed");
        }
        return elements;
    }

    @Override
    public String getBaseTypeName() throws SQLException {
        elements();
        return elementType.typeName();
    }

    @Override
    public int getBaseType() throws SQLException {
        elements();
        return elementType.sqlType();
    }

    @Override
    public Object getArray() throws SQLException {
        return toJavaArray(elements(), 0, elements().size());
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        List<?> all = elements();
        int from = checkRange(index, count, all.size());
        return toJavaArray(all, from, count);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getArray(index, count);
    }

    private static int checkRange(long index, int count, int size) throws SQLException {
        if (index < 1 || count < 0 || index - 1 + count > size) {
            throw Errors.invalidArgument("Array slice from " + index + " of " + count + " elements is outside 1.."
                    + size);
        }
        return (int) index - 1;
    }

    private Object toJavaArray(List<?> list, int from, int count) {
        return toJavaArray(list, from, count, elementType);
    }

    /** Nested arrays become nested Java arrays; elements already have the element type's natural class. */
    private static Object[] toJavaArray(List<?> list, int from, int count, ColumnType element) {
        if (element.kind() == ColumnType.Kind.INTEGER) {
            // The common case (array(int)) without reflection: an Integer[] when every element is one.
            Integer[] ints = integers(list, from, count);
            if (ints != null) {
                return ints;
            }
        }
        Class<?> component = componentClass(element);
        for (int i = 0; i < count; i++) {
            Object v = list.get(from + i);
            // A nested list becomes an Object[], whatever the declared element type (msgpack and JSON results may
            // nest where the schema says they do not): mixed content makes an Object[], never an ArrayStoreException.
            boolean fits = v == null || (v instanceof List ? component.isAssignableFrom(Object[].class)
                    : component.isInstance(v));
            if (!fits) {
                component = Object.class;
                break;
            }
        }
        Object[] out = (Object[]) java.lang.reflect.Array.newInstance(component, count);
        for (int i = 0; i < count; i++) {
            Object v = list.get(from + i);
            if (v instanceof List<?> nested) {
                ColumnType inner = element.element() == null
                        ? ColumnType.of(ColumnType.Kind.OTHER, "unknown") : element.element();
                out[i] = toJavaArray(nested, 0, nested.size(), inner);
            } else {
                out[i] = v;
            }
        }
        return out;
    }

    /** The elements as an Integer[], or null when one is neither null nor an Integer (the general path decides). */
    private static Integer[] integers(List<?> list, int from, int count) {
        Integer[] out = new Integer[count];
        for (int i = 0; i < count; i++) {
            Object v = list.get(from + i);
            if (v == null || v instanceof Integer) {
                out[i] = (Integer) v;
            } else {
                return null;
            }
        }
        return out;
    }

    private static Class<?> componentClass(ColumnType element) {
        return switch (element.kind()) {
            case BOOLEAN -> Boolean.class;
            case TINYINT, SMALLINT, INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case HUGEINT, DECIMAL -> java.math.BigDecimal.class;
            case REAL -> Float.class;
            case DOUBLE -> Double.class;
            case VARCHAR, JSON -> String.class;
            case DATE -> java.time.LocalDate.class;
            case TIMESTAMP -> java.time.LocalDateTime.class;
            case TIMESTAMP_TZ -> java.time.OffsetDateTime.class;
            case BINARY -> byte[].class;
            case ARRAY -> Object[].class;
            default -> Object.class;
        };
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return resultSet(elements(), 0, elements().size());
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        int from = checkRange(index, count, elements().size());
        return resultSet(elements(), from, count);
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getResultSet(index, count);
    }

    /** JDBC's layout: column 1 INDEX (1-based), column 2 VALUE. */
    private ResultSet resultSet(List<?> list, int from, int count) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Object> row = new ArrayList<>(2);
            row.add((long) (from + i + 1));
            row.add(list.get(from + i));
            rows.add(row);
        }
        return RowpipeResultSet.ofRows(null, List.of(
                new ColumnInfo("INDEX", ColumnType.of(ColumnType.Kind.BIGINT, "BIGINT").withNullable(false)),
                new ColumnInfo("VALUE", elementType)), rows);
    }

    @Override
    public void free() {
        elements = null;
    }

    /** The array's text, as getString gives it. */
    @Override
    public String toString() {
        return elements == null ? "freed array" : dev.rowpipe.internal.codec.JsonText.write(elements);
    }
}
