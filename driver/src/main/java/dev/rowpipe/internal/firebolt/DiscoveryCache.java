package dev.rowpipe.internal.firebolt;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Firebolt 2.0 connections found at connect (the account's system engine, and the session after
 * {@code USE DATABASE} / {@code USE ENGINE}: the engine's endpoint and parameters), kept for a while per connection
 * key, so a second connection with the same settings makes no discovery calls. Bounded in time (an hour, as the
 * official driver keeps it) and in size (the oldest entries go first). The driver uses {@link #JVM}; tests give a
 * backend a cache of its own. Thread-safe.
 */
final class DiscoveryCache {
    static final DiscoveryCache JVM = new DiscoveryCache();

    static final Duration TIME_TO_LIVE = Duration.ofHours(1);
    private static final int MAX_ENTRIES = 256;

    /**
     * Everything that decides what discovery finds. The secret takes part only as a salted digest, so a connection
     * with a wrong secret never borrows what another one found.
     */
    record Key(String apiBase, String account, String clientId, String secretDigest, String database,
               String engine) {
        @Override
        public String toString() {
            return "Key{" + apiBase + ", " + account + ", " + clientId + ", " + database + ", " + engine + "}";
        }
    }

    private record Entry(SessionState.Saved session, Instant expires) {
    }

    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    synchronized SessionState.Saved get(Key key, Instant now) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!now.isBefore(e.expires())) {
            entries.remove(key);
            return null;
        }
        return e.session();
    }

    synchronized void put(Key key, SessionState.Saved session, Instant now) {
        entries.remove(key);
        entries.put(key, new Entry(session, now.plus(TIME_TO_LIVE)));
        Iterator<Map.Entry<Key, Entry>> oldest = entries.entrySet().iterator();
        while (entries.size() > MAX_ENTRIES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets what a connection found, when its endpoint turned out unreachable. */
    synchronized void remove(Key key) {
        entries.remove(key);
    }
}
