package dev.rowpipe.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps every handler: applies the server's and the request's faults, and turns an unexpected failure into a
 * 500 instead of a dropped connection (only an injected cut drops the connection on purpose).
 */
public final class FaultInjector {

    static final String ATTRIBUTE = "rowpipe.faults";
    public static final String HEADER = "X-Rowpipe-Fault";
    public static final String PARAM = "rowpipe_fault";

    private static final Logger LOG = Logger.getLogger(FaultInjector.class.getName());

    private volatile FaultSettings serverFaults;
    private Random random;
    private long randomSeed;
    private final TokenStore tokens;

    public FaultInjector(FaultSettings serverFaults, TokenStore tokens) {
        this.serverFaults = serverFaults;
        this.tokens = tokens;
        this.randomSeed = serverFaults.seed();
        this.random = new Random(randomSeed);
    }

    public FaultSettings serverFaults() {
        return serverFaults;
    }

    /** Replaces the server-wide faults and restarts the error draw from their seed, so runs repeat. */
    public synchronized void setServerFaults(FaultSettings faults) {
        this.serverFaults = faults;
        this.randomSeed = faults.seed();
        this.random = new Random(randomSeed);
    }

    private synchronized boolean drawError(FaultSettings f) {
        if (f.seed() != randomSeed) {
            randomSeed = f.seed();
            random = new Random(randomSeed);
        }
        return random.nextDouble() < f.errorRate();
    }

    public HttpHandler wrap(HttpHandler handler) {
        return exchange -> {
            try {
                FaultSettings f;
                try {
                    Map<String, String> query = Exchanges.query(exchange);
                    f = serverFaults.with(exchange.getRequestHeaders().getFirst(HEADER)).with(query.get(PARAM));
                } catch (IllegalArgumentException e) {
                    Exchanges.text(exchange, 400, e.getMessage());
                    return;
                }
                exchange.setAttribute(ATTRIBUTE, f);
                if (!f.isNone()) {
                    if (f.expireTokens()) {
                        tokens.expireAll();
                    }
                    if (f.latencyMs() > 0) {
                        Thread.sleep(f.latencyMs());
                    }
                    if (f.errorRate() > 0 && drawError(f)) {
                        boolean throttle = drawError(f.withErrorRate(0.5));
                        exchange.getResponseHeaders().set("Retry-After", "0");
                        Exchanges.text(exchange, throttle ? 429 : 503,
                                throttle ? "Too many requests (injected fault)" : "Service unavailable (injected fault)");
                        return;
                    }
                    if (f.cutAfterBytes() >= 0) {
                        exchange.setStreams(null, new CuttingStream(exchange.getResponseBody(), f.cutAfterBytes()));
                    }
                }
                handler.handle(exchange);
            } catch (ConnectionCut e) {
                // Propagating makes the JDK server drop the connection without ending the body.
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Client went away during " + exchange.getRequestURI().getPath(), e);
                exchange.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Failure handling " + exchange.getRequestURI().getPath(), e);
                try {
                    Exchanges.text(exchange, 500, "Internal error: " + e);
                } catch (IOException | RuntimeException ignored) {
                    exchange.close();
                }
            }
        };
    }

    /** Thrown when the configured number of body bytes has been written. */
    static final class ConnectionCut extends IOException {
        ConnectionCut() {
            super("Connection cut by injected fault");
        }
    }

    private static final class CuttingStream extends FilterOutputStream {
        private long remaining;
        private boolean cut;

        CuttingStream(OutputStream out, long limit) {
            super(out);
            this.remaining = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (cut) {
                throw new ConnectionCut();
            }
            if (len <= remaining) {
                out.write(b, off, len);
                remaining -= len;
                return;
            }
            out.write(b, off, (int) remaining);
            remaining = 0;
            cut = true;
            out.flush();
            throw new ConnectionCut();
        }

        @Override
        public void close() throws IOException {
            // Closing after a cut would end a chunked body cleanly: the point is that it does not end.
            if (!cut) {
                out.close();
            }
        }
    }
}
