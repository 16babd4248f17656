package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** One loopback port of an engine (system, user or Core): open from the server's start to its close. */
final class Listener implements AutoCloseable {

    private final HttpServer server;

    /** Binds {@code port} on loopback (0: a free one). */
    Listener(int port, HttpHandler handler, Executor executor) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        s.createContext("/", handler);
        s.setExecutor(executor);
        s.start();
        this.server = s;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:PORT}: how the 2.0 protocol names an engine (no scheme). */
    String hostPort() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
