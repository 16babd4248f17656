package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowpipe.internal.error.SqlState;
import java.io.IOException;
import java.sql.SQLException;

/** The one ObjectMapper of the package, for small control-plane bodies. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(byte[] body, String what) throws SQLException {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw SqlState.COMMUNICATION_ERROR.exception(
                        what + " answered with something other than a JSON object");
            }
            return node;
        } catch (IOException e) {
            // The parser's message may quote body text, which can be a token: keep it out of the message.
            throw SqlState.COMMUNICATION_ERROR.exception(what + " answered with malformed JSON");
        }
    }

}
