package dev.rowpipe.local.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Child-JVM main for {@link FireboltCancelTest}: reads a million rows through the driver in whatever heap it was
 * given and exits 0 only when the count and the sum are right. Args: JDBC URL, user; the password comes from the
 * environment so it is not on the command line.
 */
public final class FireboltItMillionRows {
    private FireboltItMillionRows() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", args[1]);
        p.setProperty("password", System.getenv("ROWPIPE_IT_PASSWORD"));
        long rows = 0;
        long sum = 0;
        long textLength = 0;
        try (Connection c = DriverManager.getConnection(args[0], p); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(FireboltCancelTest.MILLION)) {
            while (rs.next()) {
                sum += rs.getLong(1);
                textLength += rs.getString(2).length();
                rows++;
            }
        }
        long expectedSum = 999_999L * 1_000_000L / 2;
        if (rows != 1_000_000 || sum != expectedSum || textLength < 10_000_000) {
            System.err.println("rows=" + rows + " sum=" + sum + " textLength=" + textLength);
            System.exit(2);
        }
        System.exit(0);
    }
}
