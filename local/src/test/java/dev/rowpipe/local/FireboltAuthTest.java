package dev.rowpipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FireboltAuthTest {

    @TempDir
    static Path dir;
    static LocalServer server;

    @BeforeAll
    static void start() {
        server = LocalServer.builder().dataDir(dir).sampleRows(100).tokenTtlSeconds(1).engineStartDelayMs(50)
                .user("alice@example.com", "s3cret").build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginAnswersTheSeedShape() throws Exception {
        HttpResponse<String> r = Http.login(server, "demo@rowpipe.dev", "demo");
        assertEquals(200, r.statusCode());
        JsonNode j = Http.json(r);
        assertFalse(j.get("access_token").asText().isEmpty());
        assertEquals(1, j.get("expires_in").asLong());
        assertFalse(j.get("refresh_token").asText().isEmpty());
        assertEquals("offline_access", j.get("scope").asText());
        assertEquals("Bearer", j.get("token_type").asText());
        assertEquals(200, Http.login(server, "alice@example.com", "s3cret").statusCode());
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        assertEquals(401, Http.login(server, "demo@rowpipe.dev", "nope").statusCode());
        assertEquals(401, Http.login(server, "nobody@example.com", "demo").statusCode());
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/auth/v1/login"))
                .POST(HttpRequest.BodyPublishers.ofString("not json")));
        assertEquals(401, r.statusCode());
    }

    @Test
    void missingOrBadTokenIs401Everywhere() throws Exception {
        assertEquals(401, Http.send(HttpRequest.newBuilder(URI.create(server.apiUrl()
                + "/core/v1/account/engines:getURLByDatabaseName?database_name=local_db")).GET()).statusCode());
        assertEquals(401, Http.send(Http.api(server, "/core/v1/account/engines?filter.name_contains=local", "forged")
                .GET()).statusCode());
        assertEquals(401, Http.run(server, "forged", "", "SELECT 1").statusCode());
    }

    @Test
    void tokenExpiresAfterItsLifetimeAndRefreshGivesANewOne() throws Exception {
        JsonNode login = Http.json(Http.login(server, server.demoUser(), server.demoPassword()));
        String token = login.get("access_token").asText();
        assertEquals(200, Http.run(server, token, "", "SELECT 1").statusCode());
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            status = Http.run(server, token, "", "SELECT 1").statusCode();
        } while (status == 200 && System.nanoTime() < deadline);
        assertEquals(401, status);

        HttpResponse<String> refreshed = Http.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/auth/v1/refresh"))
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\"" + login.get("refresh_token").asText() + "\"}")));
        assertEquals(200, refreshed.statusCode());
        JsonNode j = Http.json(refreshed);
        assertNotEquals(token, j.get("access_token").asText());
        assertEquals("Bearer", j.get("token_type").asText());
        assertFalse(j.has("refresh_token"));
        assertEquals(200, Http.run(server, j.get("access_token").asText(), "", "SELECT 1").statusCode());

        assertEquals(401, Http.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/auth/v1/refresh"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\"forged\"}"))).statusCode());
    }

    @Test
    void expireAllTokensInvalidatesIssuedTokens() throws Exception {
        try (LocalServer s = LocalServer.builder().dataDir(dir.resolve("other")).sampleRows(100).build().start()) {
            String token = Http.token(s);
            assertEquals(200, Http.run(s, token, "", "SELECT 1").statusCode());
            s.expireAllTokens();
            HttpResponse<String> r = Http.run(s, token, "", "SELECT 1");
            assertEquals(401, r.statusCode());
            assertTrue(r.body().contains("expired"), r.body());
        }
    }
}
