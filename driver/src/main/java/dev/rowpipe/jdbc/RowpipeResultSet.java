package dev.rowpipe.jdbc;

import dev.rowpipe.internal.convert.SqlDateTimes;
import dev.rowpipe.internal.convert.ValueReader;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forward-only, read-only result that pulls each row off the wire when {@link #next()} is called. It owns
 * the cursor (and through it the HTTP response): closing it, reaching the end, or hitting {@code maxRows}
 * releases the connection, the last without reading the rest of the body.
 */
public final class RowpipeResultSet implements ResultSet {
    private final RowpipeStatement statement;
    private final List<ColumnInfo> columns;
    private final ColumnType[] types;
    private final RowCursor cursor;
    private final RowBuffer row;
    private final long maxRows;
    private final ExecutionGuard guard;
    private Map<String, Integer> labels;
    private long rowNumber;
    private boolean onRow;
    private boolean done;
    private SQLException failure;
    private volatile boolean closed;
    private boolean wasNull;
    private int fetchSize;

    RowpipeResultSet(RowpipeStatement statement, List<ColumnInfo> columns, RowCursor cursor, long maxRows,
                     ExecutionGuard guard) {
        this.statement = statement;
        this.columns = List.copyOf(columns);
        this.types = new ColumnType[this.columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = this.columns.get(i).type();
        }
        this.cursor = cursor;
        List<String> names = new ArrayList<>(this.columns.size());
        for (ColumnInfo column : this.columns) {
            names.add(column.name());
        }
        this.row = new RowBuffer(types.length, maxValueBytes(statement), names);
        this.maxRows = maxRows;
        this.guard = guard;
    }

    /** The connection's {@code max_value_bytes}; its default for results without one (metadata, tests). */
    private static int maxValueBytes(RowpipeStatement statement) {
        Settings settings = statement == null ? null : statement.connection.settings();
        return settings == null ? CommonProperties.MAX_VALUE_BYTES.defaultValue()
                : settings.get(CommonProperties.MAX_VALUE_BYTES);
    }

    /** A result over rows held in memory (metadata, client-side statements). */
    static RowpipeResultSet ofRows(RowpipeStatement statement, List<ColumnInfo> columns,
                                   List<? extends List<?>> rows) {
        return new RowpipeResultSet(statement, columns, new dev.rowpipe.internal.spi.ListRowCursor(rows), 0, null);
    }

    List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (failure != null) {
            // A result that failed stays failed: a later next() never reports a cut result as its clean end.
            throw SqlState.again(failure);
        }
        if (done) {
            onRow = false;
            return false;
        }
        if (maxRows > 0 && rowNumber >= maxRows) {
            finish();
            return false;
        }
        boolean has;
        if (guard != null && !guard.enter()) {
            throw fail(SqlState.OPERATION_CANCELLED.exception("Reading row " + (rowNumber + 1)
                    + " stopped: the thread was interrupted"));
        }
        try {
            has = cursor.next(row);
        } catch (SQLException e) {
            throw fail(e);
        } catch (RuntimeException e) {
            throw fail(Errors.unexpected("Reading row " + (rowNumber + 1), e));
        } finally {
            if (guard != null) {
                guard.exit();
            }
        }
        if (!has) {
            if (guard != null && guard.interrupted()) {
                // A cancel can surface as a clean-looking end; never report a cut result as complete.
                throw fail(SqlState.COMMUNICATION_ERROR.exception("Result was cut off"));
            }
            finish();
            return false;
        }
        rowNumber++;
        onRow = true;
        return true;
    }

    private void finish() {
        done = true;
        onRow = false;
        cursor.close();
        if (guard != null) {
            guard.finish();
        }
    }

    /** Ends the result with a failure: the one the caller sees, also as the statement's last progress event. */
    private SQLException fail(SQLException e) {
        done = true;
        onRow = false;
        cursor.close();
        failure = guard == null ? e : guard.fail(e);
        return failure;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!done) {
            finish();
        }
        if (statement != null) {
            statement.resultClosed(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.closed("ResultSet");
        }
    }

    /**
     * A RuntimeException of a conversion (a value no check foresaw) as an SQLException: no getter lets one out. Getters
     * that only delegate to these get it from them.
     */
    private SQLException unexpected(String getter, int index, RuntimeException e) {
        return Errors.unexpected(getter + "(" + index + ")" + (index >= 1 && index <= columns.size()
                ? " of column '" + columns.get(index - 1).name() + "'" : ""), e);
    }

    /** Validates the index, that there is a current row, and records wasNull; returns the 0-based column. */
    private int column(int index) throws SQLException {
        checkOpen();
        if (index < 1 || index > types.length) {
            throw Errors.invalidColumn(index, types.length);
        }
        if (!onRow) {
            throw SqlState.INVALID_CURSOR_STATE.exception(rowNumber == 0 ? "No current row: call next() first"
                    : "No current row: the result has no more rows");
        }
        int c = index - 1;
        wasNull = row.isNull(c);
        return c;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (labels == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = columns.size() - 1; i >= 0; i--) {
                m.put(columns.get(i).name().toLowerCase(Locale.ROOT), i + 1);
            }
            for (int i = columns.size() - 1; i >= 0; i--) {
                m.put(columns.get(i).name(), i + 1);
            }
            labels = m;
        }
        Integer exact = labels.get(label);
        if (exact != null) {
            return exact;
        }
        Integer folded = label == null ? null : labels.get(label.toLowerCase(Locale.ROOT));
        if (folded == null) {
            throw Errors.noSuchLabel(label);
        }
        return folded;
    }

    // ---- typed getters ----

    @Override
    public String getString(int index) throws SQLException {
        try {
            int c = column(index);
            return wasNull ? null : ValueReader.getString(row, c, types[c]);
        } catch (RuntimeException e) {
            throw unexpected("getString", index, e);
        }
    }

    @Override
    public boolean getBoolean(int index) throws SQLException {
        try {
            int c = column(index);
            return !wasNull && ValueReader.getBoolean(row, c, types[c]);
        } catch (RuntimeException e) {
            throw unexpected("getBoolean", index, e);
        }
    }

    @Override
    public byte getByte(int index) throws SQLException {
        return (byte) narrow(index, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int index) throws SQLException {
        return (short) narrow(index, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int index) throws SQLException {
        return (int) narrow(index, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    private long narrow(int index, long min, long max, String target) throws SQLException {
        long v = getLong(index);
        if (v < min || v > max) {
            throw SqlState.NUMERIC_VALUE_OUT_OF_RANGE.exception(
                    "Value " + v + " of column " + index + " does not fit in " + target);
        }
        return v;
    }

    @Override
    public long getLong(int index) throws SQLException {
        try {
            int c = column(index);
            return wasNull ? 0 : ValueReader.getLong(row, c, types[c]);
        } catch (RuntimeException e) {
            throw unexpected("getLong", index, e);
        }
    }

    @Override
    public float getFloat(int index) throws SQLException {
        return (float) getDouble(index);
    }

    @Override
    public double getDouble(int index) throws SQLException {
        try {
            int c = column(index);
            return wasNull ? 0 : ValueReader.getDouble(row, c, types[c]);
        } catch (RuntimeException e) {
            throw unexpected("getDouble", index, e);
        }
    }

    @Override
    public BigDecimal getBigDecimal(int index) throws SQLException {
        try {
            int c = column(index);
            return wasNull ? null : ValueReader.getBigDecimal(row, c, types[c]);
        } catch (RuntimeException e) {
            throw unexpected("getBigDecimal", index, e);
        }
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int index, int scale) throws SQLException {
        BigDecimal v = getBigDecimal(index);
        return v == null ? null : v.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int index) throws SQLException {
        try {
            int c = column(index);
            return wasNull ? null : ValueReader.getBytes(row, c, types[c]);
        } catch (RuntimeException e) {
            throw unexpected("getBytes", index, e);
        }
    }

    @Override
    public Date getDate(int index) throws SQLException {
        try {
            LocalDate d = localDate(index);
            return d == null ? null : SqlDateTimes.date(d);
        } catch (RuntimeException e) {
            throw unexpected("getDate", index, e);
        }
    }

    private LocalDate localDate(int index) throws SQLException {
        int c = column(index);
        return wasNull ? null : ValueReader.getLocalDate(row, c, types[c]);
    }

    private LocalDateTime localDateTime(int index) throws SQLException {
        int c = column(index);
        return wasNull ? null : ValueReader.getLocalDateTime(row, c, types[c]);
    }

    @Override
    public Time getTime(int index) throws SQLException {
        try {
            int c = column(index);
            if (wasNull) {
                return null;
            }
            return SqlDateTimes.time(ValueReader.getLocalTime(row, c, types[c]));
        } catch (RuntimeException e) {
            throw unexpected("getTime", index, e);
        }
    }

    @Override
    public Timestamp getTimestamp(int index) throws SQLException {
        try {
            int c = column(index);
            if (wasNull) {
                return null;
            }
            if (types[c].kind() == ColumnType.Kind.TIMESTAMP_TZ) {
                return Timestamp.from(ValueReader.getOffsetDateTime(row, c, types[c]).toInstant());
            }
            return SqlDateTimes.timestamp(ValueReader.getLocalDateTime(row, c, types[c]));
        } catch (RuntimeException e) {
            throw unexpected("getTimestamp", index, e);
        }
    }

    @Override
    public Date getDate(int index, Calendar cal) throws SQLException {
        try {
            LocalDate d = localDate(index);
            if (d == null || cal == null) {
                return d == null ? null : SqlDateTimes.date(d);
            }
            return new Date(d.atStartOfDay(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
        } catch (RuntimeException e) {
            throw unexpected("getDate", index, e);
        }
    }

    @Override
    public Time getTime(int index, Calendar cal) throws SQLException {
        try {
            Time t = getTime(index);
            if (t == null || cal == null) {
                return t;
            }
            LocalTime lt = t.toLocalTime();
            return new Time(lt.atDate(LocalDate.of(1970, 1, 1)).atZone(cal.getTimeZone().toZoneId())
                    .toInstant().toEpochMilli());
        } catch (RuntimeException e) {
            throw unexpected("getTime", index, e);
        }
    }

    @Override
    public Timestamp getTimestamp(int index, Calendar cal) throws SQLException {
        try {
            int c = column(index);
            if (wasNull) {
                return null;
            }
            if (cal == null || types[c].kind() == ColumnType.Kind.TIMESTAMP_TZ) {
                return getTimestamp(index);
            }
            LocalDateTime ldt = ValueReader.getLocalDateTime(row, c, types[c]);
            Timestamp ts = Timestamp.from(ldt.atZone(cal.getTimeZone().toZoneId()).toInstant());
            return ts;
        } catch (RuntimeException e) {
            throw unexpected("getTimestamp", index, e);
        }
    }

    @Override
    public Array getArray(int index) throws SQLException {
        try {
            int c = column(index);
            if (wasNull) {
                return null;
            }
            return new RowpipeArray(arrayElement(types[c]), ValueReader.getList(row, c, types[c]));
        } catch (RuntimeException e) {
            throw unexpected("getArray", index, e);
        }
    }

    /** An array's element type, named as getBaseTypeName reports it: the SQL name of the service's dialect. */
    private ColumnType arrayElement(ColumnType array) {
        ColumnType element = array.element() == null ? ColumnType.of(ColumnType.Kind.OTHER, "unknown")
                : array.element();
        return statement == null ? element
                : element.withTypeName(statement.session().description().sqlTypeName(element));
    }

    @Override
    public Object getObject(int index) throws SQLException {
        try {
            int c = column(index);
            if (wasNull) {
                return null;
            }
            ColumnType type = types[c];
            Object v = ValueReader.getObject(row, c, type);
            return toJdbc(v, type);
        } catch (RuntimeException e) {
            throw unexpected("getObject", index, e);
        }
    }

    /** JDBC's classes for the natural Java values the decoders give. */
    private Object toJdbc(Object v, ColumnType type) {
        if (v instanceof LocalDate d) {
            return SqlDateTimes.date(d);
        }
        if (v instanceof LocalDateTime t) {
            return SqlDateTimes.timestamp(t);
        }
        if (v instanceof List<?> list && type.kind() == ColumnType.Kind.ARRAY) {
            return new RowpipeArray(arrayElement(type), list);
        }
        return v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int index, Class<T> type) throws SQLException {
        try {
            if (type == null) {
                throw Errors.invalidArgument("getObject: type is null");
            }
            int c = column(index);
            if (wasNull) {
                return null;
            }
            ColumnType ct = types[c];
            Object v;
            if (type == String.class) {
                v = ValueReader.getString(row, c, ct);
            } else if (type == Long.class) {
                v = ValueReader.getLong(row, c, ct);
            } else if (type == Integer.class) {
                v = getInt(index);
            } else if (type == Short.class) {
                v = getShort(index);
            } else if (type == Byte.class) {
                v = getByte(index);
            } else if (type == Double.class) {
                v = ValueReader.getDouble(row, c, ct);
            } else if (type == Float.class) {
                v = (float) ValueReader.getDouble(row, c, ct);
            } else if (type == Boolean.class) {
                v = ValueReader.getBoolean(row, c, ct);
            } else if (type == BigDecimal.class) {
                v = ValueReader.getBigDecimal(row, c, ct);
            } else if (type == java.math.BigInteger.class) {
                BigDecimal exact = ValueReader.getBigDecimal(row, c, ct);
                if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
                    throw SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception("Cannot read " + ct.typeName()
                            + " value '" + exact + "' of column " + index + " as BigInteger: it has a fraction");
                }
                v = exact.toBigInteger();
            } else if (type == byte[].class) {
                v = ValueReader.getBytes(row, c, ct);
            } else if (type == LocalDate.class) {
                v = ValueReader.getLocalDate(row, c, ct);
            } else if (type == LocalDateTime.class) {
                v = ValueReader.getLocalDateTime(row, c, ct);
            } else if (type == LocalTime.class) {
                v = ValueReader.getLocalTime(row, c, ct);
            } else if (type == OffsetDateTime.class) {
                v = offsetDateTime(c, ct);
            } else if (type == ZonedDateTime.class) {
                v = offsetDateTime(c, ct).toZonedDateTime();
            } else if (type == Instant.class) {
                v = offsetDateTime(c, ct).toInstant();
            } else if (type == OffsetTime.class) {
                v = offsetDateTime(c, ct).toOffsetTime();
            } else if (type == Date.class) {
                v = getDate(index);
            } else if (type == Timestamp.class) {
                v = getTimestamp(index);
            } else if (type == Time.class) {
                v = getTime(index);
            } else if (type == Array.class) {
                v = getArray(index);
            } else if (type == List.class) {
                v = ValueReader.getList(row, c, ct);
            } else if (type == Map.class) {
                v = ValueReader.getMap(row, c, ct);
            } else if (type == Object.class) {
                v = getObject(index);
            } else {
                Object natural = getObject(index);
                if (type.isInstance(natural)) {
                    return (T) natural;
                }
                throw SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception(
                        "Cannot convert column " + index + " (" + ct.typeName() + ") to "
                        + type.getName());
            }
            return (T) v;
        } catch (RuntimeException e) {
            throw unexpected("getObject", index, e);
        }
    }

    /** A timestamp without zone is read as UTC when an offset is asked for. */
    private OffsetDateTime offsetDateTime(int c, ColumnType ct) throws SQLException {
        if (ct.kind() == ColumnType.Kind.TIMESTAMP_TZ) {
            return ValueReader.getOffsetDateTime(row, c, ct);
        }
        return ValueReader.getLocalDateTime(row, c, ct).atOffset(java.time.ZoneOffset.UTC);
    }

    @Override
    public Object getObject(int index, Map<String, Class<?>> map) throws SQLException {
        return getObject(index);
    }

    @Override
    public InputStream getAsciiStream(int index) throws SQLException {
        String s = getString(index);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int index) throws SQLException {
        String s = getString(index);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InputStream getBinaryStream(int index) throws SQLException {
        byte[] b = getBytes(index);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int index) throws SQLException {
        String s = getString(index);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int index) throws SQLException {
        return getCharacterStream(index);
    }

    @Override
    public String getNString(int index) throws SQLException {
        return getString(index);
    }

    @Override
    public URL getURL(int index) throws SQLException {
        String s = getString(index);
        try {
            return s == null ? null : new java.net.URI(s).toURL();
        } catch (Exception e) {
            throw SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception("Column " + index + " is not a URL", e);
        }
    }

    // ---- by label ----

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public InputStream getAsciiStream(String label) throws SQLException {
        return getAsciiStream(findColumn(label));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String label) throws SQLException {
        return getUnicodeStream(findColumn(label));
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        return getBinaryStream(findColumn(label));
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(label), map);
    }

    @Override
    public Array getArray(String label) throws SQLException {
        return getArray(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label), cal);
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label), cal);
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label), cal);
    }

    @Override
    public URL getURL(String label) throws SQLException {
        return getURL(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getNString(findColumn(label));
    }

    @Override
    public Reader getNCharacterStream(String label) throws SQLException {
        return getNCharacterStream(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    // ---- result-level ----

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw Errors.notSupported("ResultSet.getCursorName");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new RowpipeResultSetMetaData(columns, statement == null ? null : statement.session().description());
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rowNumber == 0 && !done;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return done && rowNumber > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return onRow && rowNumber == 1;
    }

    @Override
    public boolean isLast() throws SQLException {
        throw Errors.notSupported("ResultSet.isLast on a streaming forward-only result");
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw Errors.notSupported("ResultSet.beforeFirst on a forward-only result");
    }

    @Override
    public void afterLast() throws SQLException {
        throw Errors.notSupported("ResultSet.afterLast on a forward-only result");
    }

    @Override
    public boolean first() throws SQLException {
        throw Errors.notSupported("ResultSet.first on a forward-only result");
    }

    @Override
    public boolean last() throws SQLException {
        throw Errors.notSupported("ResultSet.last on a forward-only result");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return onRow ? (int) Math.min(rowNumber, Integer.MAX_VALUE) : 0;
    }

    @Override
    public boolean absolute(int r) throws SQLException {
        throw Errors.notSupported("ResultSet.absolute on a forward-only result");
    }

    @Override
    public boolean relative(int r) throws SQLException {
        throw Errors.notSupported("ResultSet.relative on a forward-only result");
    }

    @Override
    public boolean previous() throws SQLException {
        throw Errors.notSupported("ResultSet.previous on a forward-only result");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw Errors.notSupported("ResultSet.setFetchDirection other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw Errors.invalidArgument("Fetch size must be >= 0, got " + rows);
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public Ref getRef(int index) throws SQLException {
        throw Errors.notSupported("ResultSet.getRef");
    }

    @Override
    public Blob getBlob(int index) throws SQLException {
        throw Errors.notSupported("ResultSet.getBlob");
    }

    @Override
    public Clob getClob(int index) throws SQLException {
        throw Errors.notSupported("ResultSet.getClob");
    }

    @Override
    public Ref getRef(String label) throws SQLException {
        throw Errors.notSupported("ResultSet.getRef");
    }

    @Override
    public Blob getBlob(String label) throws SQLException {
        throw Errors.notSupported("ResultSet.getBlob");
    }

    @Override
    public Clob getClob(String label) throws SQLException {
        throw Errors.notSupported("ResultSet.getClob");
    }

    @Override
    public RowId getRowId(int index) throws SQLException {
        throw Errors.notSupported("ResultSet.getRowId");
    }

    @Override
    public RowId getRowId(String label) throws SQLException {
        throw Errors.notSupported("ResultSet.getRowId");
    }

    @Override
    public NClob getNClob(int index) throws SQLException {
        throw Errors.notSupported("ResultSet.getNClob");
    }

    @Override
    public NClob getNClob(String label) throws SQLException {
        throw Errors.notSupported("ResultSet.getNClob");
    }

    @Override
    public SQLXML getSQLXML(int index) throws SQLException {
        throw Errors.notSupported("ResultSet.getSQLXML");
    }

    @Override
    public SQLXML getSQLXML(String label) throws SQLException {
        throw Errors.notSupported("ResultSet.getSQLXML");
    }

    // ---- updates: the results are read-only ----

    private static SQLException readOnly(String method) {
        return Errors.notSupported("ResultSet." + method + " (results are read-only)");
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        throw readOnly("rowUpdated");
    }

    @Override
    public boolean rowInserted() throws SQLException {
        throw readOnly("rowInserted");
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        throw readOnly("rowDeleted");
    }

    @Override
    public void updateNull(int i) throws SQLException {
        throw readOnly("updateNull");
    }

    @Override
    public void updateBoolean(int i, boolean x) throws SQLException {
        throw readOnly("updateBoolean");
    }

    @Override
    public void updateByte(int i, byte x) throws SQLException {
        throw readOnly("updateByte");
    }

    @Override
    public void updateShort(int i, short x) throws SQLException {
        throw readOnly("updateShort");
    }

    @Override
    public void updateInt(int i, int x) throws SQLException {
        throw readOnly("updateInt");
    }

    @Override
    public void updateLong(int i, long x) throws SQLException {
        throw readOnly("updateLong");
    }

    @Override
    public void updateFloat(int i, float x) throws SQLException {
        throw readOnly("updateFloat");
    }

    @Override
    public void updateDouble(int i, double x) throws SQLException {
        throw readOnly("updateDouble");
    }

    @Override
    public void updateBigDecimal(int i, BigDecimal x) throws SQLException {
        throw readOnly("updateBigDecimal");
    }

    @Override
    public void updateString(int i, String x) throws SQLException {
        throw readOnly("updateString");
    }

    @Override
    public void updateBytes(int i, byte[] x) throws SQLException {
        throw readOnly("updateBytes");
    }

    @Override
    public void updateDate(int i, Date x) throws SQLException {
        throw readOnly("updateDate");
    }

    @Override
    public void updateTime(int i, Time x) throws SQLException {
        throw readOnly("updateTime");
    }

    @Override
    public void updateTimestamp(int i, Timestamp x) throws SQLException {
        throw readOnly("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(int i, InputStream x, int length) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int i, InputStream x, int length) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int i, Reader x, int length) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateObject(int i, Object x, int scaleOrLength) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(int i, Object x) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateNull(String l) throws SQLException {
        throw readOnly("updateNull");
    }

    @Override
    public void updateBoolean(String l, boolean x) throws SQLException {
        throw readOnly("updateBoolean");
    }

    @Override
    public void updateByte(String l, byte x) throws SQLException {
        throw readOnly("updateByte");
    }

    @Override
    public void updateShort(String l, short x) throws SQLException {
        throw readOnly("updateShort");
    }

    @Override
    public void updateInt(String l, int x) throws SQLException {
        throw readOnly("updateInt");
    }

    @Override
    public void updateLong(String l, long x) throws SQLException {
        throw readOnly("updateLong");
    }

    @Override
    public void updateFloat(String l, float x) throws SQLException {
        throw readOnly("updateFloat");
    }

    @Override
    public void updateDouble(String l, double x) throws SQLException {
        throw readOnly("updateDouble");
    }

    @Override
    public void updateBigDecimal(String l, BigDecimal x) throws SQLException {
        throw readOnly("updateBigDecimal");
    }

    @Override
    public void updateString(String l, String x) throws SQLException {
        throw readOnly("updateString");
    }

    @Override
    public void updateBytes(String l, byte[] x) throws SQLException {
        throw readOnly("updateBytes");
    }

    @Override
    public void updateDate(String l, Date x) throws SQLException {
        throw readOnly("updateDate");
    }

    @Override
    public void updateTime(String l, Time x) throws SQLException {
        throw readOnly("updateTime");
    }

    @Override
    public void updateTimestamp(String l, Timestamp x) throws SQLException {
        throw readOnly("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(String l, InputStream x, int length) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String l, InputStream x, int length) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String l, Reader x, int length) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateObject(String l, Object x, int scaleOrLength) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void updateObject(String l, Object x) throws SQLException {
        throw readOnly("updateObject");
    }

    @Override
    public void insertRow() throws SQLException {
        throw readOnly("insertRow");
    }

    @Override
    public void updateRow() throws SQLException {
        throw readOnly("updateRow");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw readOnly("deleteRow");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw readOnly("refreshRow");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw readOnly("cancelRowUpdates");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw readOnly("moveToInsertRow");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw readOnly("moveToCurrentRow");
    }

    @Override
    public void updateRef(int i, Ref x) throws SQLException {
        throw readOnly("updateRef");
    }

    @Override
    public void updateRef(String l, Ref x) throws SQLException {
        throw readOnly("updateRef");
    }

    @Override
    public void updateBlob(int i, Blob x) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(String l, Blob x) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateClob(int i, Clob x) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(String l, Clob x) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateArray(int i, Array x) throws SQLException {
        throw readOnly("updateArray");
    }

    @Override
    public void updateArray(String l, Array x) throws SQLException {
        throw readOnly("updateArray");
    }

    @Override
    public void updateRowId(int i, RowId x) throws SQLException {
        throw readOnly("updateRowId");
    }

    @Override
    public void updateRowId(String l, RowId x) throws SQLException {
        throw readOnly("updateRowId");
    }

    @Override
    public void updateNString(int i, String x) throws SQLException {
        throw readOnly("updateNString");
    }

    @Override
    public void updateNString(String l, String x) throws SQLException {
        throw readOnly("updateNString");
    }

    @Override
    public void updateNClob(int i, NClob x) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(String l, NClob x) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateSQLXML(int i, SQLXML x) throws SQLException {
        throw readOnly("updateSQLXML");
    }

    @Override
    public void updateSQLXML(String l, SQLXML x) throws SQLException {
        throw readOnly("updateSQLXML");
    }

    @Override
    public void updateNCharacterStream(int i, Reader x, long length) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String l, Reader x, long length) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int i, InputStream x, long length) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int i, InputStream x, long length) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int i, Reader x, long length) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String l, InputStream x, long length) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String l, InputStream x, long length) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String l, Reader x, long length) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateBlob(int i, InputStream x, long length) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(String l, InputStream x, long length) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateClob(int i, Reader x, long length) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(String l, Reader x, long length) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateNClob(int i, Reader x, long length) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(String l, Reader x, long length) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNCharacterStream(int i, Reader x) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String l, Reader x) throws SQLException {
        throw readOnly("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int i, InputStream x) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int i, InputStream x) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int i, Reader x) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String l, InputStream x) throws SQLException {
        throw readOnly("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String l, InputStream x) throws SQLException {
        throw readOnly("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String l, Reader x) throws SQLException {
        throw readOnly("updateCharacterStream");
    }

    @Override
    public void updateBlob(int i, InputStream x) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateBlob(String l, InputStream x) throws SQLException {
        throw readOnly("updateBlob");
    }

    @Override
    public void updateClob(int i, Reader x) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateClob(String l, Reader x) throws SQLException {
        throw readOnly("updateClob");
    }

    @Override
    public void updateNClob(int i, Reader x) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public void updateNClob(String l, Reader x) throws SQLException {
        throw readOnly("updateNClob");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlState.GENERAL_ERROR.exception("ResultSet is not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

}
