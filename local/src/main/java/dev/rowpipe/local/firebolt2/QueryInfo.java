package dev.rowpipe.local.firebolt2;

import java.util.UUID;

/**
 * The ids of one request: the server's query id (clients cannot choose it on 2.0), a request id, and the client's
 * {@code query_label}, if any.
 */
record QueryInfo(String queryId, String requestId, String label) {

    static QueryInfo create(String label) {
        return new QueryInfo(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                label == null || label.isEmpty() ? null : label);
    }
}
