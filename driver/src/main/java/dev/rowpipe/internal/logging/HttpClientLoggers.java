package dev.rowpipe.internal.logging;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLogger;

/**
 * The bundled HttpClient's SLF4J loggers as {@code java.util.logging} loggers of the same names (relocated in the
 * shaded jar: {@code dev.rowpipe.shaded.hc.client5...}), with what would leak a secret taken out before any handler
 * sees it:
 * <ul>
 *   <li>{@code ...hc.client5.http.wire} (every byte sent and received: login bodies with passwords, tokens in
 *       answers, result rows) is not routed at all, whatever level is configured;</li>
 *   <li>{@code ...hc.client5.http.headers} (each request and response header, at FINE) prints every header, but the
 *       value of credential headers ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
 *       {@code Set-Cookie}, and any header whose name speaks of a token, key, secret, password or auth) as
 *       {@code ***};</li>
 *   <li>every other HttpClient logger (connection pool, connect, exec chain at FINE; request lines with their
 *       path and query) is routed as it is, with any {@code Bearer}, {@code Basic} or {@code TD1} credential in a
 *       message masked as well.</li>
 * </ul>
 * SLF4J levels map as {@code slf4j-jdk14} maps them: TRACE FINEST, DEBUG FINE, INFO INFO, WARN WARNING, ERROR SEVERE.
 */
final class HttpClientLoggers implements ILoggerFactory {
    private static final String WIRE = "org.apache.hc.client5.http.wire";
    private static final String HEADERS = "org.apache.hc.client5.http.headers";
    /** {@code ">> Name: value"} or {@code "<< Name: value"}, as HttpClient's header log writes a header. */
    private static final Pattern HEADER_LINE = Pattern.compile("(>>|<<) ([^:\\r\\n]+): ([^\\r\\n]*)");
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)\\b(Bearer|Basic|TD1)\\s+[^\\s,;\"']+");
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "cookie2", "set-cookie2");

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, HttpClientLoggers::create);
    }

    private static Logger create(String name) {
        if (name.equals(WIRE) || name.startsWith(WIRE + ".")) {
            return NOPLogger.NOP_LOGGER;
        }
        return new JulLogger(name, name.equals(HEADERS));
    }

    static boolean secretHeader(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return SECRET_HEADERS.contains(n) || n.contains("auth") || n.contains("token") || n.contains("secret")
                || n.contains("password") || n.contains("key");
    }

    /** The message with every credential masked: header values by header name, then any scheme-and-credential. */
    static String redact(String message, boolean headers) {
        if (message == null) {
            return null;
        }
        String out = message;
        if (headers) {
            Matcher m = HEADER_LINE.matcher(out);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String replacement = secretHeader(m.group(2)) ? m.group(1) + " " + m.group(2) + ": ***" : m.group();
                m.appendReplacement(b, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(b);
            out = b.toString();
        }
        return CREDENTIAL.matcher(out).replaceAll("$1 ***");
    }

    /** One HttpClient logger, published to the {@code java.util.logging} logger of the same name. */
    private static final class JulLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient java.util.logging.Logger jul;
        private final boolean headers;

        JulLogger(String name, boolean headers) {
            this.name = name;
            this.jul = java.util.logging.Logger.getLogger(name);
            this.headers = headers;
        }

        private static Level level(org.slf4j.event.Level level) {
            return switch (level) {
                case TRACE -> Level.FINEST;
                case DEBUG -> Level.FINE;
                case INFO -> Level.INFO;
                case WARN -> Level.WARNING;
                case ERROR -> Level.SEVERE;
            };
        }

        @Override
        public boolean isTraceEnabled() {
            return jul.isLoggable(Level.FINEST);
        }

        @Override
        public boolean isDebugEnabled() {
            return jul.isLoggable(Level.FINE);
        }

        @Override
        public boolean isInfoEnabled() {
            return jul.isLoggable(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return jul.isLoggable(Level.WARNING);
        }

        @Override
        public boolean isErrorEnabled() {
            return jul.isLoggable(Level.SEVERE);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String pattern,
                                                   Object[] arguments, Throwable throwable) {
            Level julLevel = level(level);
            if (!jul.isLoggable(julLevel)) {
                return;
            }
            LogRecord record = new LogRecord(julLevel,
                    redact(MessageFormatter.basicArrayFormat(pattern, arguments), headers));
            record.setLoggerName(name);
            record.setSourceClassName(name);
            record.setSourceMethodName(level.name().toLowerCase(Locale.ROOT));
            record.setThrown(throwable);
            jul.log(record);
        }
    }
}
