package dev.rowpipe.local.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/** Child JVM of {@link TdBigResultDriverTest}: args url, api key; exits 0 when count and sum are right. */
public final class TdBigResultMain {
    private TdBigResultMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("apikey", args[1]);
        p.setProperty("type", "presto");
        p.setProperty("result_format", "msgpack.gz");
        long n = 0;
        long sum = 0;
        try (Connection c = DriverManager.getConnection(args[0], p); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT range AS i FROM range(1000000)")) {
            while (rs.next()) {
                sum += rs.getLong(1);
                n++;
            }
        }
        if (n != 1_000_000L || sum != 999_999L * 1_000_000L / 2) {
            System.err.println("wrong result: " + n + " rows, sum " + sum);
            System.exit(2);
        }
        System.exit(0);
    }
}
