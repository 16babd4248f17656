package dev.rowpipe.internal.settings;

import java.util.List;
import java.util.Map;

/**
 * A JDBC URL split into its parts. {@code parameters} keeps the order and the raw (percent-decoded) text of
 * every key=value pair; validation happens in {@link Settings#build}.
 *
 * @param port -1 when the URL gives none
 */
public record ParsedUrl(String subprotocol, String host, int port, String database,
                        List<Map.Entry<String, String>> parameters) {
    public ParsedUrl {
        parameters = List.copyOf(parameters);
    }
}
