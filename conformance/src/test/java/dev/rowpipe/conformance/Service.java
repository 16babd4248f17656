package dev.rowpipe.conformance;

import dev.rowpipe.local.LocalServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The services as a consumer sees them: a JDBC URL and the properties a user types in. Firebolt comes as v1, the 2.0
 * platform and Firebolt Core. TD runs Presto jobs (standard SQL, what most tools write) and polls quickly, since the
 * local server answers in milliseconds.
 */
public enum Service {
    FIREBOLT {
        @Override
        public String url(LocalServer server) {
            return server.fireboltJdbcUrl();
        }

        @Override
        public Properties properties(LocalServer server) {
            return login(server.demoUser(), server.demoPassword());
        }

        @Override
        public String catalog() {
            return "local_db";
        }

        @Override
        void create(Statement st, String table) throws SQLException {
            fireboltTable(st, table, this);
        }
    },
    /** Firebolt 2.0 on the user engine, signed in as BI tools do it: the service account as user and password. */
    FIREBOLT2 {
        @Override
        public String url(LocalServer server) {
            return server.firebolt2().jdbcUrl("local_db", "local_engine");
        }

        @Override
        public Properties properties(LocalServer server) {
            return login(server.firebolt2().demoClientId(), server.firebolt2().demoClientSecret());
        }

        @Override
        public String catalog() {
            return "local_db";
        }

        @Override
        void create(Statement st, String table) throws SQLException {
            fireboltTable(st, table, this);
        }
    },
    /** Firebolt Core on its default database: no authentication. */
    FIREBOLT_CORE {
        @Override
        public String url(LocalServer server) {
            return server.firebolt2().coreJdbcUrl("firebolt");
        }

        @Override
        public Properties properties(LocalServer server) {
            return new Properties();
        }

        @Override
        public String catalog() {
            return "firebolt";
        }

        @Override
        void create(Statement st, String table) throws SQLException {
            fireboltTable(st, table, this);
        }
    },
    TD {
        @Override
        public String url(LocalServer server) {
            return server.tdJdbcUrl();
        }

        @Override
        public Properties properties(LocalServer server) {
            Properties p = login("someone", server.demoApiKey());
            p.setProperty("type", "presto");
            p.setProperty("poll_initial_ms", "5");
            p.setProperty("poll_max_ms", "50");
            return p;
        }

        @Override
        public String catalog() {
            return "sample_datasets";
        }

        @Override
        void create(Statement st, String table) throws SQLException {
            st.execute("DROP TABLE IF EXISTS " + table);
            // TD tables have no decimal type (a decimal is stored as a double) and always a time column
            // (unix seconds): the table holds what a TD user's table would.
            st.execute("CREATE TABLE " + table + " AS SELECT id, name, CAST(price AS DOUBLE) AS price, qty, created, "
                    + "time FROM (VALUES " + Dataset.valuesSql(this) + ") AS v(id, name, price, qty, created, time)");
        }
    };

    /** The same Firebolt table on every Firebolt API, written with the literals of {@code service}'s dialect. */
    private static void fireboltTable(Statement st, String table, Service service) throws SQLException {
        st.execute("DROP TABLE IF EXISTS " + table);
        st.execute("CREATE FACT TABLE " + table + " (id BIGINT, name TEXT, price DECIMAL(10, 2), qty INT, "
                + "created TIMESTAMP) PRIMARY INDEX id");
        st.execute("INSERT INTO " + table + " VALUES " + Dataset.valuesSql(service));
    }

    public abstract String url(LocalServer server);

    public abstract Properties properties(LocalServer server);

    /** The columns of a {@link Dataset} table as the service's metadata lists them (TD adds {@code time}). */
    public java.util.List<String> columns() {
        return this == TD ? java.util.List.of("id", "name", "price", "qty", "created", "time")
                : java.util.List.of("id", "name", "price", "qty", "created");
    }

    /** The catalog (Firebolt database, TD database) the connection is in. */
    public abstract String catalog();

    abstract void create(Statement st, String table) throws SQLException;

    public Connection connect(LocalServer server) throws SQLException {
        return DriverManager.getConnection(url(server), properties(server));
    }

    /** Creates {@code table} with {@link Dataset}'s rows (replacing one of that name). */
    public void createTable(LocalServer server, String table) throws SQLException {
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            create(st, table);
        }
    }

    /** The user and password properties, as BI tools send them. */
    static Properties login(String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }
}
