package dev.rowpipe.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Helpers for metadata tests. Values are read with getString only: typed getters depend on the value reader,
 * which is tested on its own.
 */
final class MetaTestSupport {
    static final String URL = "jdbc:fake://localhost/db1";

    private MetaTestSupport() {
    }

    static Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "alice");
        props.setProperty("password", "s3cret");
        return DriverManager.getConnection(URL, props);
    }

    static List<String> columnNames(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnName(i));
        }
        return out;
    }

    /** Every row, as the getString values of the given labels; closes the result. */
    static List<List<String>> rows(ResultSet rs, String... labels) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                String[] row = new String[labels.length];
                for (int i = 0; i < labels.length; i++) {
                    row[i] = rs.getString(labels[i]);
                }
                out.add(Arrays.asList(row));
            }
        }
        return out;
    }

    /** One column of every row; closes the result. */
    static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<String> row : rows(rs, label)) {
            out.add(row.get(0));
        }
        return out;
    }
}
