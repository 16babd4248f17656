package dev.rowpipe.internal.http;

import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.Settings;

/** Immutable HTTP settings of a session. */
public record TransportConfig(int connectTimeoutSeconds, int socketTimeoutSeconds, int retries,
                              int retryBackoffMillis, String userAgent) {

    public static TransportConfig from(Settings settings, String userAgent) {
        return new TransportConfig(settings.get(CommonProperties.CONNECT_TIMEOUT),
                settings.get(CommonProperties.SOCKET_TIMEOUT), settings.get(CommonProperties.RETRIES),
                settings.get(CommonProperties.RETRY_BACKOFF_MS), userAgent);
    }
}
