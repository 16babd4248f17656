package dev.rowpipe.internal.settings;

import java.util.List;

/** Properties every backend accepts: HTTP timeouts and retries. */
public final class CommonProperties {
    private CommonProperties() {
    }

    public static final ConnectionProperty<Integer> CONNECT_TIMEOUT = ConnectionProperty.integer("connect_timeout",
            "Seconds to wait for a TCP/TLS connection to the service", 30, 1, 3600);

    public static final ConnectionProperty<Integer> SOCKET_TIMEOUT = ConnectionProperty.integer("socket_timeout",
            "Seconds a read may wait for the next bytes from the service before the request fails (0 = no limit)",
            0, 0, 86400);

    public static final ConnectionProperty<Integer> RETRIES = ConnectionProperty.integer("retries",
            "How many times a request that failed before any response byte arrived (connection failure, 408, 429, "
                    + "502, 503, 504) is sent again, with exponential backoff and jitter", 3, 0, 20);

    public static final ConnectionProperty<Integer> RETRY_BACKOFF_MS = ConnectionProperty.integer("retry_backoff_ms",
            "First retry delay in milliseconds; each further retry doubles it, up to 30 s, with random jitter",
            200, 1, 60000);

    public static final List<ConnectionProperty<?>> ALL = List.of(CONNECT_TIMEOUT, SOCKET_TIMEOUT, RETRIES,
            RETRY_BACKOFF_MS);
}
