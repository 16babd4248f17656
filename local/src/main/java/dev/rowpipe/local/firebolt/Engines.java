package dev.rowpipe.local.firebolt;

import dev.rowpipe.local.Database;
import dev.rowpipe.local.FaultInjector;
import dev.rowpipe.local.TokenStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/** All configured engines, each with its own query listener. */
public final class Engines implements AutoCloseable {

    private final List<Engine> engines = new ArrayList<>();
    private final QueryRegistry queries = new QueryRegistry();
    private final List<EngineSpec> specs;

    public Engines(List<EngineSpec> specs, Database database, FireboltSql rewriter, TokenStore tokens,
                   FaultInjector faults, ExecutorService executor, ScheduledExecutorService scheduler,
                   long startDelayMs) {
        this.specs = List.copyOf(specs);
        for (EngineSpec spec : specs) {
            AtomicReference<Engine> self = new AtomicReference<>();
            EngineQueryHandler handler = new EngineQueryHandler(self::get, database, rewriter, tokens, queries, scheduler);
            Engine engine = new Engine(spec, faults.wrap(handler), executor, scheduler, startDelayMs, queries);
            self.set(engine);
            engines.add(engine);
        }
    }

    /** Whether a Firebolt query with that id still runs on any engine (for tests and tools; changes nothing). */
    public boolean isQueryRunning(String queryId) {
        return queries.isRunning(queryId);
    }

    /** Opens the ports of the engines configured as running. */
    public void startConfigured() throws IOException {
        for (int i = 0; i < engines.size(); i++) {
            if (specs.get(i).running() && !engines.get(i).isRunning()) {
                engines.get(i).startNow();
            }
        }
    }

    public List<Engine> all() {
        return Collections.unmodifiableList(engines);
    }

    public Engine byName(String name) {
        for (Engine e : engines) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    public Engine byId(String id) {
        for (Engine e : engines) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }

    public Engine defaultFor(String database) {
        for (Engine e : engines) {
            if (database.equals(e.database())) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void close() {
        for (Engine e : engines) {
            e.stop();
        }
        queries.cancelAll(null);
    }
}
