package dev.rowpipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.local.firebolt2.Firebolt2;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Plain java.net.http calls to the Firebolt 2.0 and Core endpoints of a local server. */
final class Http2 {

    private Http2() {
    }

    static HttpResponse<String> token(Firebolt2 fb, String form) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(fb.idUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static String form(String clientId, String secret) {
        return "grant_type=client_credentials&audience=" + Http.enc("https://api.firebolt.io") + "&client_id="
                + Http.enc(clientId) + "&client_secret=" + Http.enc(secret);
    }

    static String signIn(Firebolt2 fb, String clientId, String secret) throws Exception {
        HttpResponse<String> r = token(fb, form(clientId, secret));
        if (r.statusCode() != 200) {
            throw new AssertionError("sign-in failed: " + r.statusCode() + " " + r.body());
        }
        return Http.json(r).get("access_token").asText();
    }

    static String signIn(Firebolt2 fb) throws Exception {
        return signIn(fb, fb.demoClientId(), fb.demoClientSecret());
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    /** POST sql to http://ENDPOINT (host:port[/path][?query]) with extra query parameters. */
    static HttpRequest.Builder post(String endpoint, String token, String params, String sql) {
        String url = "http://" + endpoint;
        if (!params.isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + params;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Firebolt-Protocol-Version", "2.4")
                .POST(HttpRequest.BodyPublishers.ofString(sql));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    static HttpResponse<String> system(Firebolt2 fb, String token, String params, String sql) throws Exception {
        return Http.send(post(fb.systemEngineEndpoint(), token, params, sql));
    }

    static HttpResponse<String> engine(Firebolt2 fb, String engine, String token, String params, String sql)
            throws Exception {
        return Http.send(post(fb.userEngineEndpoint(engine), token, params, sql));
    }

    static HttpResponse<String> core(Firebolt2 fb, String params, String sql) throws Exception {
        return Http.send(post(fb.coreUrl().substring("http://".length()), null, params, sql));
    }

    /** The single 2.0 error of an error body. */
    static JsonNode error(HttpResponse<String> r) throws Exception {
        JsonNode j = Http.json(r);
        return j.get("errors").get(0);
    }

    /** Lines of a TSV body, each split on tabs. */
    static List<String[]> tsv(HttpResponse<String> r) {
        List<String[]> out = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            out.add(line.split("\t", -1));
        }
        return out;
    }
}
