package dev.rowpipe.local.shell;

import dev.rowpipe.jdbc.RowpipeDriver;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerMain;
import dev.rowpipe.local.firebolt2.Firebolt2;
import dev.rowpipe.local.firebolt2.Firebolt2Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sqlline.SqlLine;

/**
 * The README's run command: starts the local server with its sample data and opens sqlline connected through
 * the rowpipe driver (Firebolt v1, Treasure Data, Firebolt 2.0 or Firebolt Core), either interactively or to run
 * given SQL and exit. A statement that takes longer than a
 * moment shows its progress on one updating line ({@link ProgressLine}): sqlline makes its own statements, so the
 * shell registers the line with the driver and names it in the URL it gives sqlline ({@code progress_listener}).
 * sqlline runs with {@code verbose=false}: a warning (the TD job id) or an error is then one line, not the line
 * and again the exception's {@code toString} where a stack trace would be ({@link #endStartUp}).
 */
public final class LocalShell {
    private static final int PREFERRED_PORT = 8123;
    /** The name the shell's progress line is registered under with the driver. */
    static final String PROGRESS_LISTENER = "rowpipe-local-shell";

    private static final String HELP = String.join("\n",
            "Usage: rowpipe-local [--td | --firebolt2 | --core] [-e SQL | --file FILE] [--port N] [--data-dir DIR]",
            "                     [--td-job-ms N] [--core-port N]",
            "  (no option)      Firebolt API, interactive SQL shell",
            "  --td             connect through the Treasure Data API instead (database sample_datasets)",
            "  --firebolt2      Firebolt 2.0 instead: a service account, the account's system engine, the user engine",
            "                   local_engine, database local_db",
            "  --core           Firebolt Core instead (no sign-in), database local_db",
            "  -e SQL           run SQL (several statements separated by ';'), print the results as tables, exit",
            "  --file FILE      run the statements in FILE, print the results, exit",
            "  --port N         API port of the local server (default 8123, or a free port when it is taken)",
            "  --core-port N    with --core: Core's port (default 3473, or a free port when it is taken; 0: a free one)",
            "  --data-dir DIR   data folder (default ./local-data; sample data is generated on first start)",
            "  --td-job-ms N    make every TD job slow, as real ones are: queued N/4 ms, then running N ms",
            "                   (statements longer than 1.5 s show their progress on one updating line)",
            "  --help           this text",
            "The local server alone, with all its flags: java -cp ... dev.rowpipe.local.LocalServerMain --help");

    private LocalShell() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        boolean td = false;
        String firebolt2 = null;
        String sql = null;
        String file = null;
        int port = -1;
        long jobMs = 0;
        int corePort = -1;
        Path dataDir = Path.of("local-data");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    out.println(HELP);
                    return 0;
                }
                case "--td" -> td = true;
                case "--firebolt" -> td = false;
                case "--firebolt2", "--core" -> firebolt2 = a;
                case "-e", "--file", "--port", "--data-dir", "--td-job-ms", "--core-port" -> {
                    if (i + 1 >= args.length) {
                        out.println("Option " + a + " needs a value\n" + HELP);
                        return 2;
                    }
                    String v = args[++i];
                    switch (a) {
                        case "-e" -> sql = v;
                        case "--file" -> file = v;
                        case "--port" -> port = Integer.parseInt(v);
                        case "--td-job-ms" -> jobMs = Long.parseLong(v);
                        case "--core-port" -> corePort = Integer.parseInt(v);
                        default -> dataDir = Path.of(v);
                    }
                }
                default -> {
                    out.println("Unknown option " + a + "\n" + HELP);
                    return 2;
                }
            }
        }
        if (port < 0) {
            port = isFree(PREFERRED_PORT) ? PREFERRED_PORT : 0;
        }
        LocalServer.Builder builder = LocalServer.builder().port(port).dataDir(dataDir).tdJobDelays(jobMs / 4, jobMs);
        if (firebolt2 != null) {
            boolean core = firebolt2.equals("--core");
            builder.td(false).firebolt(false).firebolt2(Firebolt2Settings.builder().platform(!core).core(core)
                    .corePort(corePort >= 0 ? corePort : LocalServerMain.isFree(3473) ? 3473 : 0).build());
        }
        try (LocalServer server = builder.build().start(); ProgressLine progress = new ProgressLine(out)) {
            out.println("rowpipe local server on " + server.apiUrl() + " (data in " + server.dataDir() + ")");
            String url;
            String user;
            String password;
            if (firebolt2 == null) {
                url = td ? server.tdJdbcUrl() : server.fireboltJdbcUrl();
                user = td ? "td" : server.demoUser(); // TD ignores the user; sqlline would prompt for an empty one
                password = td ? server.demoApiKey() : server.demoPassword();
                out.println("JDBC URL: " + url);
                out.println(td ? "API key (as password): " + password
                        : "user: " + user + "   password: " + password);
            } else if (firebolt2.equals("--firebolt2")) {
                Firebolt2 fb = server.firebolt2();
                url = fb.jdbcUrl(LocalServer.FIREBOLT_DATABASE, "local_engine");
                user = fb.demoClientId();
                password = fb.demoClientSecret();
                out.println("JDBC URL: " + url);
                out.println("client_id (or user): " + user + "   client_secret (or password): " + password);
            } else {
                url = server.firebolt2().coreJdbcUrl(LocalServer.FIREBOLT_DATABASE);
                user = null;
                password = null;
                out.println("JDBC URL: " + url + "   (Firebolt Core: no sign-in)");
            }
            out.flush();
            RowpipeDriver.registerProgressListener(PROGRESS_LISTENER, progress);
            // Firebolt 2.0 has transactions (repeatable read); the others have none.
            String isolation = "--firebolt2".equals(firebolt2) ? "TRANSACTION_REPEATABLE_READ" : "TRANSACTION_NONE";
            List<String> sqllineArgs = new ArrayList<>(List.of(
                    "-d", "dev.rowpipe.jdbc.RowpipeDriver", "-u", url + ";progress_listener=" + PROGRESS_LISTENER,
                    "--outputformat=table", "--maxWidth=200", "--isolation=" + isolation, "--verbose=false"));
            if (user != null) {
                sqllineArgs.addAll(List.of("-n", user, "-p", password));
            } else {
                sqllineArgs.add("--connectInteractionMode=notAskCredentials");
            }
            if (sql != null) {
                sqllineArgs.add("-e");
                sqllineArgs.add(sql);
            } else if (file != null) {
                sqllineArgs.add("--run=" + file);
            }
            SqlLine sqlLine = new SqlLine();
            endStartUp();
            sqlLine.setOutputStream(progress.guard(out));
            sqlLine.setErrorStream(progress.guard(err));
            try {
                SqlLine.Status status = sqlLine.begin(sqllineArgs.toArray(new String[0]), null, false);
                return status == SqlLine.Status.OK ? 0 : 1;
            } finally {
                RowpipeDriver.unregisterProgressListener(PROGRESS_LISTENER);
            }
        }
    }

    /**
     * sqlline counts the statements of {@code -e} and {@code --run} as part of its start-up, and prints every
     * warning and error of its start-up with a stack trace whatever {@code verbose} says (its field
     * {@code initComplete}, false until the prompt loop begins). Here those statements are the user's, so the shell
     * declares start-up over before sqlline connects: they are then reported like typed ones, one line each. With
     * a sqlline that has no such field, output stays as that version makes it (the shell test notices).
     */
    private static void endStartUp() {
        try {
            Field initComplete = SqlLine.class.getDeclaredField("initComplete");
            initComplete.setAccessible(true);
            initComplete.setBoolean(null, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another sqlline: nothing to change, see above.
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
