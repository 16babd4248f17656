package dev.rowpipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalServerExtension.class)
class EngineLifecycleTest {

    private static JsonNode get(LocalServer s, String token, String path) throws Exception {
        HttpResponse<String> r = Http.send(Http.api(s, path, token).GET());
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    private static JsonNode post(LocalServer s, String token, String path) throws Exception {
        HttpResponse<String> r = Http.send(Http.api(s, path, token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    private static JsonNode node(LocalServer s, String token, String name) throws Exception {
        JsonNode list = get(s, token, "/core/v1/account/engines?filter.name_contains=" + name);
        for (JsonNode edge : list.get("edges")) {
            if (edge.get("node").get("name").asText().equals(name)) {
                return edge.get("node");
            }
        }
        throw new AssertionError("engine " + name + " not listed: " + list);
    }

    private static HttpResponse<String> queryEngine(String endpoint, String token) throws Exception {
        return Http.send(HttpRequest.newBuilder(java.net.URI.create("http://" + endpoint + "/?database=local_db"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("SELECT 42")));
    }

    @Test
    void lookupsAnswerTheSeedShapes(LocalServer s) throws Exception {
        String token = Http.token(s);
        JsonNode id = get(s, token, "/core/v1/account/engines:getIdByName?engine_name=local_engine&account=local");
        assertTrue(id.get("engine_id").has("account_id"));
        assertTrue(id.get("engine_id").has("engine_id"));
        JsonNode url = get(s, token, "/core/v1/account/engines:getURLByDatabaseName?database_name=local_db");
        assertEquals("127.0.0.1:" + s.enginePort("local_engine"), url.get("engine_url").asText());
        JsonNode list = get(s, token, "/core/v1/account/engines?filter.name_contains=local_engine");
        assertTrue(list.has("page"));
        Set<String> names = new HashSet<>();
        list.get("edges").forEach(e -> names.add(e.get("node").get("name").asText()));
        assertEquals(Set.of("local_engine", "local_engine_2"), names);
        assertEquals(1, get(s, token, "/core/v1/account/engines?filter.name_contains=engine_2").get("edges").size());
        assertEquals(404, Http.send(Http.api(s, "/core/v1/account/engines:getIdByName?engine_name=nope", token).GET()).statusCode());
        JsonNode running = node(s, token, "local_engine");
        assertEquals("ENGINE_STATUS_RUNNING_REVISION_SERVING", running.get("current_status").asText());
        assertEquals("ENGINE_STATUS_SUMMARY_RUNNING", running.get("current_status_summary").asText());
        for (String field : new String[] {"id", "name", "description", "emoji", "compute_region_id", "settings",
                "latest_revision_id", "endpoint", "endpoint_serving_revision_id", "create_time", "create_actor",
                "last_update_time", "last_update_actor", "last_use_time", "desired_status", "health_status",
                "endpoint_desired_revision_id"}) {
            assertTrue(running.has(field), field);
        }
    }

    @Test
    void stoppedEngineRefusesConnectionsUntilStarted(LocalServer s) throws Exception {
        String token = Http.token(s);
        String engineId = get(s, token, "/core/v1/account/engines:getIdByName?engine_name=local_engine_2&account=local")
                .get("engine_id").get("engine_id").asText();
        JsonNode stopped = node(s, token, "local_engine_2");
        assertEquals("ENGINE_STATUS_SUMMARY_STOPPED", stopped.get("current_status_summary").asText());
        String endpoint = stopped.get("endpoint").asText();
        assertThrows(ConnectException.class, () -> queryEngine(endpoint, token));

        JsonNode started = post(s, token, "/core/v1/account/engines/" + engineId + ":start");
        assertTrue(started.has("desired_engine_revision"));
        assertEquals("ENGINE_STATUS_SUMMARY_STARTING", started.get("engine").get("current_status_summary").asText());
        assertTrue(started.get("engine").get("current_status").asText().startsWith("ENGINE_STATUS_PROVISIONING"));
        Set<String> seen = new HashSet<>();
        JsonNode n;
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            n = node(s, token, "local_engine_2");
            seen.add(n.get("current_status").asText());
        } while (!n.get("current_status_summary").asText().equals("ENGINE_STATUS_SUMMARY_RUNNING") && System.nanoTime() < deadline);
        assertEquals("ENGINE_STATUS_RUNNING_REVISION_SERVING", n.get("current_status").asText());
        assertEquals(endpoint, n.get("endpoint").asText());
        HttpResponse<String> r = queryEngine(endpoint, token);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("42"));

        JsonNode stop = post(s, token, "/core/v1/account/engines/" + engineId + ":stop");
        assertEquals("ENGINE_STATUS_SUMMARY_STOPPED", stop.get("engine").get("current_status_summary").asText());
        assertThrows(ConnectException.class, () -> queryEngine(endpoint, token));

        JsonNode restart = post(s, token, "/core/v1/account/engines/" + engineId + ":restart");
        assertEquals("ENGINE_STATUS_SUMMARY_STARTING", restart.get("engine").get("current_status_summary").asText());
        deadline = System.nanoTime() + 10_000_000_000L;
        do {
            n = node(s, token, "local_engine_2");
        } while (!n.get("current_status_summary").asText().equals("ENGINE_STATUS_SUMMARY_RUNNING") && System.nanoTime() < deadline);
        assertEquals(endpoint, n.get("endpoint").asText(), "same port after a restart");
        assertEquals(200, queryEngine(endpoint, token).statusCode());
        post(s, token, "/core/v1/account/engines/" + engineId + ":stop");
    }

    @Test
    void unknownEngineActionsAre404(LocalServer s) throws Exception {
        String token = Http.token(s);
        assertEquals(404, Http.send(Http.api(s, "/core/v1/account/engines/nope:start", token)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }
}
