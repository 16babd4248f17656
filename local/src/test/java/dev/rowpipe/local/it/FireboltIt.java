package dev.rowpipe.local.it;

import dev.rowpipe.local.LocalServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens driver connections to a local server as the demo user, with optional extra connection properties. */
final class FireboltIt {
    private FireboltIt() {
    }

    /** {@code extra} is name, value, name, value... */
    static Connection connect(LocalServer server, String... extra) throws SQLException {
        return DriverManager.getConnection(server.fireboltJdbcUrl(), props(server, extra));
    }

    static Properties props(LocalServer server, String... extra) {
        Properties p = new Properties();
        p.setProperty("user", server.demoUser());
        p.setProperty("password", server.demoPassword());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return p;
    }

    private static final Pattern QUERY_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The first query id (a UUID) named in the exception's messages, or null. */
    static String queryId(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : QUERY_ID.matcher(t.getMessage());
            if (m != null && m.find()) {
                return m.group();
            }
        }
        return null;
    }

    /**
     * Whether the engine still runs the query: its cancel endpoint answers 200 for a running query (and cancels
     * it) and 400 for one that is not running.
     */
    static boolean engineStillRuns(LocalServer server, String queryId) throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/auth/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + server.demoUser()
                        + "\",\"password\":\"" + server.demoPassword() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
        if (!m.find()) {
            throw new IllegalStateException("login failed: HTTP " + login.statusCode());
        }
        HttpRequest cancel = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.enginePort("local_engine")
                + "/cancel?query_id=" + queryId)).header("Authorization", "Bearer " + m.group(1))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(cancel, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    }
}
