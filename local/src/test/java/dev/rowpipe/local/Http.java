package dev.rowpipe.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain java.net.http calls for the tests. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return Exchanges.JSON.readTree(response.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> login(LocalServer server, String user, String password) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/auth/v1/login"))
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
    }

    static String token(LocalServer server) throws Exception {
        return json(login(server, server.demoUser(), server.demoPassword())).get("access_token").asText();
    }

    static HttpRequest.Builder query(LocalServer server, String token, String params, String sql) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.enginePort("local_engine") + "/?database=local_db"
                        + (params.isEmpty() ? "" : "&" + params)))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(sql));
    }

    static HttpResponse<String> run(LocalServer server, String token, String params, String sql) throws Exception {
        return send(query(server, token, params, sql));
    }

    static HttpRequest.Builder api(LocalServer server, String path, String token) {
        return HttpRequest.newBuilder(URI.create(server.apiUrl() + path)).header("Authorization", "Bearer " + token);
    }

    static HttpRequest.Builder td(LocalServer server, String path) {
        return HttpRequest.newBuilder(URI.create(server.apiUrl() + path)).header("Authorization", "TD1 " + server.demoApiKey());
    }
}
