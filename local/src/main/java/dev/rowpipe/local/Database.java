package dev.rowpipe.local;

import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/** The one DuckDB database file; hands out a connection per request, each with its own default schema. */
public final class Database implements AutoCloseable {

    private final DuckDBConnection root;

    public Database(Path file) throws SQLException {
        // The driver directly, not DriverManager: works whatever class loader the server runs in.
        Properties props = new Properties();
        props.setProperty("jdbc_stream_results", "true");
        Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), props);
        if (c == null) {
            throw new SQLException("DuckDB did not accept " + file);
        }
        this.root = (DuckDBConnection) c;
    }

    /** A new connection whose unqualified names resolve in {@code schema}; the caller closes it. */
    public Connection connect(String schema) throws SQLException {
        Connection c = root.duplicate();
        if (schema != null) {
            try (Statement s = c.createStatement()) {
                s.execute("SET schema = " + dev.rowpipe.local.sql.SqlLexer.quote(schema));
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /** The names of every schema of the database file (Firebolt and TD databases, DuckDB's own). */
    public Set<String> schemas() throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = root.duplicate(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT schema_name FROM information_schema.schemata WHERE catalog_name = current_database()")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }
}
