package dev.rowpipe.api;

/**
 * What Firebolt says about one engine: on v1 its control plane, on 2.0 {@code information_schema.engines}.
 *
 * @param name                 engine name
 * @param endpoint             host (or host:port) that serves queries; may be empty while stopped
 * @param currentStatus        v1: e.g. {@code ENGINE_STATUS_RUNNING_REVISION_SERVING}; 2.0: e.g. {@code RUNNING}
 * @param currentStatusSummary v1: e.g. {@code ENGINE_STATUS_SUMMARY_RUNNING}; 2.0: the status again
 */
public record EngineStatus(String name, String endpoint, String currentStatus, String currentStatusSummary) {

    /** The summary says running (on v1 the engine may still be warming up). */
    public boolean isRunning() {
        return currentStatusSummary != null
                && (currentStatusSummary.endsWith("_RUNNING") || currentStatusSummary.equals("RUNNING"));
    }

    /** Running and serving queries (v1: its revision serves; 2.0: running is serving). */
    public boolean isServing() {
        return isRunning() && currentStatus != null
                && (currentStatus.endsWith("_SERVING") || currentStatus.equals("RUNNING"));
    }

    public boolean isStarting() {
        return currentStatusSummary != null
                && (currentStatusSummary.endsWith("_STARTING") || currentStatusSummary.equals("STARTING"));
    }
}
