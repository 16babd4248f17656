package dev.rowpipe.jdbc;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.sql.SqlLexer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;

/**
 * Client-side binding: {@code ?} markers (found in code only, never inside literals, quoted identifiers or
 * comments) are replaced by literals the session's dialect escapes. A batch of {@code INSERT ... VALUES (...)}
 * is sent as multi-row INSERTs, not one request per row.
 */
public final class RowpipePreparedStatement extends RowpipeStatement implements PreparedStatement {
    /** Rows per multi-row INSERT request, and the text size at which a request is cut earlier. */
    private static final int BATCH_ROWS = 1000;
    private static final int BATCH_CHARS = 4 * 1024 * 1024;

    private final String sql;
    private final int[] markers;
    private final SqlDialect dialect;
    private final String[] bound;
    private final List<String[]> batchRows = new ArrayList<>();
    private final int valuesStart;

    RowpipePreparedStatement(RowpipeConnection connection, Session session, String sql) {
        super(connection, session);
        this.sql = sql;
        this.dialect = session.dialect();
        this.markers = SqlText.markers(sql, dialect.backslashEscapes());
        this.bound = new String[markers.length];
        int tuple = insertValuesTuple(sql, dialect.backslashEscapes());
        // A marker before the VALUES tuple would be bound once for many rows: such a batch runs row by row.
        this.valuesStart = markers.length > 0 && markers[0] < tuple ? -1 : tuple;
    }

    /**
     * For {@code INSERT INTO t [(cols)] VALUES (...)} ending with that one tuple, the index where the tuple
     * starts; else -1 (the batch then runs statement by statement).
     */
    static int insertValuesTuple(String sql, boolean backslashEscapes) {
        if (!SqlText.firstKeyword(sql).equals("INSERT")) {
            return -1;
        }
        String upper = sql.toUpperCase(Locale.ROOT);
        int i = 0;
        int values = -1;
        while (i < sql.length()) {
            int skip = SqlLexer.skipNonCode(sql, i, backslashEscapes);
            if (skip > i) {
                i = skip;
                continue;
            }
            if (upper.startsWith("VALUES", i) && (i == 0 || !isWordChar(sql.charAt(i - 1)))
                    && (i + 6 >= sql.length() || !isWordChar(sql.charAt(i + 6)))) {
                values = i + 6;
                break;
            }
            i++;
        }
        if (values < 0) {
            return -1;
        }
        int open = values;
        while (open < sql.length() && Character.isWhitespace(sql.charAt(open))) {
            open++;
        }
        if (open >= sql.length() || sql.charAt(open) != '(') {
            return -1;
        }
        int depth = 0;
        int j = open;
        while (j < sql.length()) {
            int skip = SqlLexer.skipNonCode(sql, j, backslashEscapes);
            if (skip > j) {
                j = skip;
                continue;
            }
            char c = sql.charAt(j);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                String rest = sql.substring(j + 1).trim();
                return rest.isEmpty() || rest.equals(";") ? open : -1;
            }
            j++;
        }
        return -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private String render(String[] values) throws SQLException {
        StringBuilder out = new StringBuilder(sql.length() + 16 * values.length);
        int last = 0;
        for (int i = 0; i < markers.length; i++) {
            if (values[i] == null) {
                throw SqlState.WRONG_PARAMETER_COUNT.exception(
                        "Parameter " + (i + 1) + " of " + markers.length + " is not set");
            }
            out.append(sql, last, markers[i]).append(values[i]);
            last = markers[i] + 1;
        }
        return out.append(sql, last, sql.length()).toString();
    }

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > markers.length) {
            throw SqlState.INVALID_DESCRIPTOR_INDEX.exception(
                    "Parameter index " + index + " is out of range: the statement has "
                    + markers.length + " parameter" + (markers.length == 1 ? "" : "s"));
        }
        bound[index - 1] = Literals.render(value, dialect);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return super.executeQuery(render(bound));
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(runUpdate(render(bound)), Integer.MAX_VALUE);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return runUpdate(render(bound));
    }

    @Override
    public boolean execute() throws SQLException {
        return super.execute(render(bound));
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(bound, null);
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        render(bound); // fails now, naming the parameter, if one is missing
        batchRows.add(bound.clone());
    }

    @Override
    public void clearBatch() throws SQLException {
        super.clearBatch();
        batchRows.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String[]> rows = new ArrayList<>(batchRows);
        batchRows.clear();
        long[] counts = new long[rows.size()];
        if (valuesStart < 0) {
            for (int i = 0; i < rows.size(); i++) {
                try {
                    counts[i] = runUpdate(render(rows.get(i)));
                } catch (SQLException e) {
                    throw batchFailure(e, i, rows.size(), counts);
                }
            }
            return counts;
        }
        // One INSERT carries many rows: the statement's head once, then each row's rendered tuple.
        String head = sql.substring(0, valuesStart);
        String tuple = sql.substring(valuesStart).trim();
        if (tuple.endsWith(";")) {
            tuple = tuple.substring(0, tuple.length() - 1).trim();
        }
        int offset = valuesStart + (sql.substring(valuesStart).length() - sql.substring(valuesStart).stripLeading()
                .length());
        int done = 0;
        while (done < rows.size()) {
            StringBuilder request = new StringBuilder(head);
            int first = done;
            while (done < rows.size() && done - first < BATCH_ROWS && request.length() < BATCH_CHARS) {
                if (done > first) {
                    request.append(", ");
                }
                request.append(renderTuple(tuple, offset, rows.get(done)));
                done++;
            }
            long written;
            try {
                written = runUpdate(request.toString());
            } catch (SQLException e) {
                throw batchFailure(e, first, rows.size(), counts);
            }
            // One tuple is one row: when the service counted exactly the rows of the request, each wrote one;
            // otherwise the share of each is not known.
            long each = written == done - first ? 1 : Statement.SUCCESS_NO_INFO;
            for (int i = first; i < done; i++) {
                counts[i] = each;
            }
        }
        return counts;
    }

    /** Renders the VALUES tuple alone, with the markers that fall inside it. */
    private String renderTuple(String tuple, int offset, String[] values) {
        StringBuilder out = new StringBuilder(tuple.length() + 16 * values.length);
        int last = 0;
        for (int i = 0; i < markers.length; i++) {
            int at = markers[i] - offset;
            if (at < 0) {
                continue;
            }
            out.append(tuple, last, at).append(values[i]);
            last = at + 1;
        }
        return out.append(tuple, last, tuple.length()).toString();
    }

    private static BatchUpdateException batchFailure(SQLException e, int failedAt, int total, long[] counts) {
        int[] done = new int[failedAt];
        for (int i = 0; i < failedAt; i++) {
            done[i] = (int) counts[i];
        }
        return new BatchUpdateException("Batch failed at row " + (failedAt + 1) + " of " + total + ": "
                + e.getMessage(), e.getSQLState(), e.getErrorCode(), done, e);
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] large = executeLargeBatch();
        int[] out = new int[large.length];
        for (int i = 0; i < large.length; i++) {
            out[i] = (int) Math.max(Math.min(large[i], Integer.MAX_VALUE), Integer.MIN_VALUE);
        }
        return out;
    }

    // ---- setters ----

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        set(index, null);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        set(index, null);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setBytes (binary parameters)");
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        if (x == null || cal == null) {
            set(index, x);
        } else {
            set(index, java.time.Instant.ofEpochMilli(x.getTime()).atZone(cal.getTimeZone().toZoneId())
                    .toLocalDate());
        }
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        if (x == null || cal == null) {
            set(index, x);
        } else {
            set(index, java.time.Instant.ofEpochMilli(x.getTime()).atZone(cal.getTimeZone().toZoneId())
                    .toLocalTime());
        }
    }

    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        if (x == null || cal == null) {
            set(index, x);
        } else {
            set(index, x.toInstant().atZone(cal.getTimeZone().toZoneId()).toLocalDateTime());
        }
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        set(index, convert(x, targetSqlType));
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        Object v = convert(x, targetSqlType);
        if (v instanceof BigDecimal d && (targetSqlType == Types.DECIMAL || targetSqlType == Types.NUMERIC)) {
            v = d.setScale(scaleOrLength, java.math.RoundingMode.HALF_UP);
        }
        set(index, v);
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
        setObject(index, x, targetSqlType.getVendorTypeNumber() == null ? Types.OTHER
                : targetSqlType.getVendorTypeNumber());
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        setObject(index, x, targetSqlType.getVendorTypeNumber() == null ? Types.OTHER
                : targetSqlType.getVendorTypeNumber(), scaleOrLength);
    }

    /** The JDBC conversion table for setObject with a target type, for the common cases. */
    private static Object convert(Object x, int target) throws SQLException {
        if (x == null) {
            return null;
        }
        try {
            return switch (target) {
                case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR,
                        Types.LONGNVARCHAR -> x instanceof String ? x : x.toString();
                case Types.BIGINT -> exactInteger(x, Long.MIN_VALUE, Long.MAX_VALUE, target);
                case Types.INTEGER -> (int) exactInteger(x, Integer.MIN_VALUE, Integer.MAX_VALUE, target);
                case Types.SMALLINT -> (int) exactInteger(x, Short.MIN_VALUE, Short.MAX_VALUE, target);
                case Types.TINYINT -> (int) exactInteger(x, Byte.MIN_VALUE, Byte.MAX_VALUE, target);
                case Types.DOUBLE, Types.FLOAT -> x instanceof Number n ? (Object) n.doubleValue()
                        : Double.parseDouble(x.toString().trim());
                case Types.REAL -> x instanceof Number n ? (Object) n.floatValue() : Float.parseFloat(x.toString().trim());
                case Types.DECIMAL, Types.NUMERIC -> x instanceof BigDecimal ? x : new BigDecimal(x.toString().trim());
                case Types.BOOLEAN, Types.BIT -> toBoolean(x, target);
                default -> x;
            };
        } catch (NumberFormatException e) {
            throw SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception(
                    "Cannot convert the parameter value to JDBC type " + target, e);
        }
    }

    /** An integer conversion that refuses to truncate a fraction or wrap around (a silently wrong value). */
    private static long exactInteger(Object x, long min, long max, int target) throws SQLException {
        BigDecimal d;
        if (x instanceof Boolean b) {
            d = b ? BigDecimal.ONE : BigDecimal.ZERO;
        } else if (x instanceof Double || x instanceof Float) {
            double v = ((Number) x).doubleValue();
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw outOfRange(x, target);
            }
            d = BigDecimal.valueOf(v);
        } else {
            d = new BigDecimal(x.toString().trim());
        }
        long v;
        try {
            v = d.longValueExact();
        } catch (ArithmeticException e) {
            throw outOfRange(x, target);
        }
        if (v < min || v > max) {
            throw outOfRange(x, target);
        }
        return v;
    }

    private static SQLException outOfRange(Object x, int target) {
        return SqlState.NUMERIC_VALUE_OUT_OF_RANGE.exception(
                "Parameter value " + x + " cannot be converted to JDBC type " + target
                + " without losing digits");
    }

    /** true/false/1/0 only: any other word would otherwise bind as false without a word said. */
    private static Boolean toBoolean(Object x, int target) throws SQLException {
        if (x instanceof Boolean b) {
            return b;
        }
        if (x instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = x.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return Boolean.FALSE;
        }
        throw SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception(
                "Cannot convert the parameter value '" + s + "' to JDBC type " + target
                + " (expected true, false, 1 or 0)");
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        set(index, x == null ? null : readText(x, length, StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        set(index, x == null ? null : readText(x, length, StandardCharsets.UTF_8));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setBinaryStream (binary parameters)");
    }

    @Override
    public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
        set(index, reader == null ? null : readText(reader, length));
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        setAsciiStream(index, x, (int) Math.min(length, Integer.MAX_VALUE));
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setBinaryStream (binary parameters)");
    }

    @Override
    public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
        setCharacterStream(index, reader, (int) Math.min(length, Integer.MAX_VALUE));
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        setAsciiStream(index, x, -1);
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setBinaryStream (binary parameters)");
    }

    @Override
    public void setCharacterStream(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader, -1);
    }

    @Override
    public void setNCharacterStream(int index, Reader value, long length) throws SQLException {
        setCharacterStream(index, value, length);
    }

    @Override
    public void setNCharacterStream(int index, Reader value) throws SQLException {
        setCharacterStream(index, value);
    }

    private static String readText(InputStream in, int length, java.nio.charset.Charset charset) throws SQLException {
        try {
            byte[] bytes = length < 0 ? in.readAllBytes() : in.readNBytes(length);
            return new String(bytes, charset);
        } catch (IOException e) {
            throw SqlState.GENERAL_ERROR.exception("Reading the parameter stream failed: " + e.getMessage(), e);
        }
    }

    private static String readText(Reader reader, int length) throws SQLException {
        try {
            StringBuilder out = new StringBuilder();
            char[] buffer = new char[8192];
            int n;
            while ((length < 0 || out.length() < length)
                    && (n = reader.read(buffer, 0, length < 0 ? buffer.length
                    : Math.min(buffer.length, length - out.length()))) > 0) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        } catch (IOException e) {
            throw SqlState.GENERAL_ERROR.exception("Reading the parameter reader failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setRef");
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setBlob");
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        set(index, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    public void setArray(int index, Array x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        set(index, x == null ? null : x.toString());
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setRowId");
    }

    @Override
    public void setNClob(int index, NClob value) throws SQLException {
        setClob(index, value);
    }

    @Override
    public void setClob(int index, Reader reader, long length) throws SQLException {
        setCharacterStream(index, reader, length);
    }

    @Override
    public void setBlob(int index, InputStream inputStream, long length) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setBlob");
    }

    @Override
    public void setNClob(int index, Reader reader, long length) throws SQLException {
        setCharacterStream(index, reader, length);
    }

    @Override
    public void setSQLXML(int index, SQLXML xmlObject) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setSQLXML");
    }

    @Override
    public void setClob(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader);
    }

    @Override
    public void setBlob(int index, InputStream inputStream) throws SQLException {
        throw Errors.notSupported("PreparedStatement.setBlob");
    }

    @Override
    public void setNClob(int index, Reader reader) throws SQLException {
        setCharacterStream(index, reader);
    }

    /** Result columns are known only once the statement runs: no server round trip is spent to guess them. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new RowpipeParameterMetaData(markers.length);
    }

    // Statement's text-taking methods are not for prepared statements (JDBC 4.3, 13.2.4).
    private static SQLException textNotAllowed(String method) {
        return SqlState.GENERAL_ERROR.exception(
                "PreparedStatement." + method + "(String) cannot be called on a prepared statement");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw textNotAllowed("executeQuery");
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw textNotAllowed("executeUpdate");
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw textNotAllowed("executeLargeUpdate");
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw textNotAllowed("execute");
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw textNotAllowed("addBatch");
    }
}
