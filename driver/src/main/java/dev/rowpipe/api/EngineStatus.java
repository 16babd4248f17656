package dev.rowpipe.api;

/**
 * What Firebolt's control plane says about one engine.
 *
 * @param name                 engine name
 * @param endpoint             host (or host:port) that serves queries; may be empty while stopped
 * @param currentStatus        e.g. {@code ENGINE_STATUS_RUNNING_REVISION_SERVING}
 * @param currentStatusSummary e.g. {@code ENGINE_STATUS_SUMMARY_RUNNING}
 */
public record EngineStatus(String name, String endpoint, String currentStatus, String currentStatusSummary) {

    /** The summary says running (the engine may still be warming up). */
    public boolean isRunning() {
        return currentStatusSummary != null && currentStatusSummary.endsWith("_RUNNING");
    }

    /** Running and its revision serves queries. */
    public boolean isServing() {
        return isRunning() && currentStatus != null && currentStatus.endsWith("_SERVING");
    }

    public boolean isStarting() {
        return currentStatusSummary != null && currentStatusSummary.endsWith("_STARTING");
    }
}
