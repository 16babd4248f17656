package dev.rowpipe.jdbc;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Column descriptions of a result, from the types the server reported. {@link #getColumnTypeName} is the SQL type
 * name of the service's dialect, as getColumns and getTypeInfo report it; the service's own spelling (Firebolt's
 * {@code Nullable(Decimal(10, 2))}, TD's {@code array<string>}) and the element type of an array are available
 * through {@code unwrap(RowpipeResultSetMetaData.class)}.
 */
public final class RowpipeResultSetMetaData implements ResultSetMetaData {
    private final List<ColumnInfo> columns;
    /** Null for the driver's own results (metadata), whose type names are already SQL names. */
    private final BackendDescription description;

    RowpipeResultSetMetaData(List<ColumnInfo> columns, BackendDescription description) {
        this.columns = columns;
        this.description = description;
    }

    private ColumnType type(int column) throws SQLException {
        return info(column).type();
    }

    private ColumnInfo info(int column) throws SQLException {
        if (column < 1 || column > columns.size()) {
            throw Errors.invalidColumn(column, columns.size());
        }
        return columns.get(column - 1);
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        info(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        ColumnType.Kind k = type(column).kind();
        return k == ColumnType.Kind.VARCHAR || k == ColumnType.Kind.JSON || k == ColumnType.Kind.OTHER;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        info(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        info(column);
        return false;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return type(column).nullable() ? columnNullable : columnNoNulls;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return switch (type(column).kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, REAL, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        ColumnType t = type(column);
        return switch (t.kind()) {
            case BOOLEAN -> 5;
            case TINYINT -> 4;
            case SMALLINT -> 6;
            case INTEGER -> 11;
            case BIGINT -> 20;
            case HUGEINT -> 21;
            case REAL -> 15;
            case DOUBLE -> 24;
            case DECIMAL -> MetadataTypes.decimalPrecision(t) + 2;
            case DATE -> 10;
            case TIMESTAMP -> 29;
            case TIMESTAMP_TZ -> 35;
            default -> t.precision() > 0 ? t.precision() : 65535;
        };
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return info(column).name();
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return info(column).name();
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        info(column);
        return "";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        ColumnType t = type(column);
        return switch (t.kind()) {
            case BOOLEAN -> 1;
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case HUGEINT -> 20;
            case REAL -> 7;
            case DOUBLE -> 15;
            case DECIMAL -> MetadataTypes.decimalPrecision(t);
            case DATE -> 10;
            case TIMESTAMP -> 29;
            case TIMESTAMP_TZ -> 35;
            default -> t.precision();
        };
    }

    @Override
    public int getScale(int column) throws SQLException {
        ColumnType t = type(column);
        return t.kind() == ColumnType.Kind.DECIMAL || t.kind() == ColumnType.Kind.TIMESTAMP
                || t.kind() == ColumnType.Kind.TIMESTAMP_TZ ? t.scale() : 0;
    }

    @Override
    public String getTableName(int column) throws SQLException {
        info(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        info(column);
        return "";
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return type(column).sqlType();
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        ColumnType t = type(column);
        return description == null ? t.typeName() : description.sqlTypeName(t);
    }

    /** The column's type as the service spelled it in the result, e.g. {@code Nullable(Int64)} or {@code varchar}. */
    public String getSourceTypeName(int column) throws SQLException {
        return type(column).typeName();
    }

    /** The {@link Types} code of an array column's elements; {@link Types#NULL} when the column is not an array. */
    public int getElementType(int column) throws SQLException {
        ColumnType element = type(column).element();
        return type(column).kind() == ColumnType.Kind.ARRAY && element != null ? element.sqlType() : Types.NULL;
    }

    /** The precision of an array column's elements as {@link #getPrecision} would report it; 0 when not an array. */
    public int getElementPrecision(int column) throws SQLException {
        ColumnType t = type(column);
        if (t.kind() != ColumnType.Kind.ARRAY || t.element() == null) {
            return 0;
        }
        return t.element().kind() == ColumnType.Kind.DECIMAL ? MetadataTypes.decimalPrecision(t.element())
                : t.element().precision();
    }

    /** The scale of an array column's elements; 0 when not an array. */
    public int getElementScale(int column) throws SQLException {
        ColumnType t = type(column);
        return t.kind() == ColumnType.Kind.ARRAY && t.element() != null ? t.element().scale() : 0;
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        info(column);
        return true;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        info(column);
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        info(column);
        return false;
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        ColumnType t = type(column);
        return switch (t.kind()) {
            case DATE -> java.sql.Date.class.getName();
            case TIMESTAMP -> java.sql.Timestamp.class.getName();
            default -> t.kind().javaClass().getName();
        };
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlState.GENERAL_ERROR.exception("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
