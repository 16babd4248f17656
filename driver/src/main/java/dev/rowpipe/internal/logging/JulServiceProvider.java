package dev.rowpipe.internal.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding shipped (relocated) with the driver: the bundled HttpClient logs through SLF4J, and this sends it
 * to {@code java.util.logging} like the driver's own logs, through {@link HttpClientLoggers}, which never routes the
 * wire log and masks credentials in the header log. Registered in {@code META-INF/services}; the shaded jar relocates
 * SLF4J, so this binding serves only the driver's copy and never a tool's own SLF4J.
 */
public final class JulServiceProvider implements SLF4JServiceProvider {
    private final HttpClientLoggers loggers = new HttpClientLoggers();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to set up: loggers are made on demand.
    }
}
