package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.Headers;

import java.util.ArrayList;
import java.util.List;

/**
 * The session headers of one successful answer; immutable. The server keeps no session: these tell the client how
 * to change the parameters it sends. Each parameter goes in a header value of its own (the JDBC driver's form).
 */
final class SessionChange {

    static final String UPDATE_PARAMETERS = "Firebolt-Update-Parameters";
    static final String REMOVE_PARAMETERS = "Firebolt-Remove-Parameters";
    static final String RESET_SESSION = "Firebolt-Reset-Session";
    static final String UPDATE_ENDPOINT = "Firebolt-Update-Endpoint";

    static final SessionChange NONE = new SessionChange(List.of());

    /** Pairs of header name and value, in the order they are sent. */
    private final List<String[]> headers;

    private SessionChange(List<String[]> headers) {
        this.headers = headers;
    }

    SessionChange update(String name, String value) {
        return with(UPDATE_PARAMETERS, name + "=" + value);
    }

    SessionChange remove(String name) {
        return with(REMOVE_PARAMETERS, name);
    }

    SessionChange reset() {
        return with(RESET_SESSION, "");
    }

    SessionChange endpoint(String hostPortAndQuery) {
        return with(UPDATE_ENDPOINT, hostPortAndQuery);
    }

    private SessionChange with(String header, String value) {
        List<String[]> more = new ArrayList<>(headers);
        more.add(new String[] {header, value});
        return new SessionChange(List.copyOf(more));
    }

    /** Adds the headers; only ever called for a 2xx answer. */
    void addTo(Headers response) {
        for (String[] h : headers) {
            response.add(h[0], h[1]);
        }
    }
}
