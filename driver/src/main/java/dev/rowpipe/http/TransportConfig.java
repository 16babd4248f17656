package dev.rowpipe.http;

import dev.rowpipe.settings.CommonProperties;
import dev.rowpipe.settings.Settings;

/** Immutable HTTP settings of a session. */
public record TransportConfig(int connectTimeoutSeconds, int socketTimeoutSeconds, int retries,
                              int retryBackoffMillis, String userAgent) {

    public static TransportConfig from(Settings settings, String userAgent) {
        return new TransportConfig(settings.get(CommonProperties.CONNECT_TIMEOUT),
                settings.get(CommonProperties.SOCKET_TIMEOUT), settings.get(CommonProperties.RETRIES),
                settings.get(CommonProperties.RETRY_BACKOFF_MS), userAgent);
    }
}
