package dev.rowpipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.local.firebolt2.Firebolt2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2.0 "id" host (service-account sign-in) and "api" host (account discovery). */
@ExtendWith(Firebolt2Extension.class)
class Firebolt2AuthTest {

    private static Firebolt2 fb;

    @BeforeAll
    static void platform(LocalServer server) {
        fb = server.firebolt2();
    }

    @Test
    void signInAnswersAnAccessTokenWithoutRefreshToken(LocalServer server) throws Exception {
        HttpResponse<String> r = Http2.token(fb, Http2.form(fb.demoClientId(), fb.demoClientSecret()));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode j = Http.json(r);
        assertFalse(j.get("access_token").asText().isEmpty());
        assertEquals("Bearer", j.get("token_type").asText());
        assertTrue(j.get("expires_in").asLong() > 0);
        assertFalse(j.has("refresh_token"));
        assertEquals(server.apiUrl(), fb.idUrl());
        assertEquals(server.apiUrl(), fb.apiUrl());
    }

    @Test
    void aBadSecretIs401WithAJsonErrorThatNamesNoSecret() throws Exception {
        HttpResponse<String> r = Http2.token(fb, Http2.form(fb.demoClientId(), "wrong-secret"));
        assertEquals(401, r.statusCode());
        JsonNode j = Http.json(r);
        assertEquals("access_denied", j.get("error").asText());
        assertFalse(r.body().contains("wrong-secret"), r.body());
        assertEquals(401, Http2.token(fb, Http2.form("nobody", fb.demoClientSecret())).statusCode());
    }

    @Test
    void aSecretWithFormCharactersWorksOnlyWhenPercentEncoded() throws Exception {
        assertEquals(200, Http2.token(fb, Http2.form("encoded+client", "s3cr+t&x=y%z")).statusCode());
        // Sent raw, as the official driver does: '+' reads as a space and '&' ends the field.
        String raw = "grant_type=client_credentials&audience=" + Http.enc("https://api.firebolt.io")
                + "&client_id=" + Http.enc("encoded+client") + "&client_secret=s3cr+t&x=y%25z";
        assertEquals(401, Http2.token(fb, raw).statusCode());
        // A malformed escape is the client's error, not the server's.
        assertEquals(400, Http2.token(fb, "grant_type=client_credentials&client_secret=%zz").statusCode());
    }

    @Test
    void theFormMustBeClientCredentialsForTheFireboltAudience() throws Exception {
        HttpResponse<String> r = Http2.token(fb, Http2.form(fb.demoClientId(), fb.demoClientSecret())
                .replace("client_credentials", "password"));
        assertEquals(400, r.statusCode());
        assertEquals("unsupported_grant_type", Http.json(r).get("error").asText());
        assertEquals(403, Http2.token(fb, Http2.form(fb.demoClientId(), fb.demoClientSecret())
                .replace(Http.enc("https://api.firebolt.io"), "other")).statusCode());
        HttpResponse<String> json = Http.send(HttpRequest.newBuilder(URI.create(fb.idUrl() + "/oauth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(400, json.statusCode());
        assertEquals(405, Http.send(HttpRequest.newBuilder(URI.create(fb.idUrl() + "/oauth/token")).GET()).statusCode());
    }

    @Test
    void engineUrlNamesTheSystemEngineWithoutScheme() throws Exception {
        String token = Http2.signIn(fb);
        HttpResponse<String> r = Http2.get(fb.apiUrl()
                + "/web/v3/account/" + fb.account() + "/engineUrl", token);
        assertEquals(200, r.statusCode(), r.body());
        String url = Http.json(r).get("engineUrl").asText();
        assertEquals(fb.systemEngineEndpoint(), url);
        assertTrue(url.matches("127\\.0\\.0\\.1:\\d+/query\\?account_id=[0-9a-f-]+"), url);
        // The system engine answers at exactly that URL.
        assertEquals(200, Http.send(Http2.post(url, token, "", "SELECT 1")).statusCode());

        HttpResponse<String> resolve = Http2.get(fb.apiUrl()
                + "/web/v3/account/" + fb.account() + "/resolve", token);
        assertEquals(fb.accountId(), Http.json(resolve).get("id").asText());
    }

    @Test
    void anUnknownAccountIs404AndAMissingTokenIs401() throws Exception {
        String token = Http2.signIn(fb);
        HttpResponse<String> r = Http2.get(fb.apiUrl()
                + "/web/v3/account/nope/engineUrl", token);
        assertEquals(404, r.statusCode());
        assertTrue(Http.json(r).get("message").asText().contains("nope"), r.body());
        assertEquals(401, Http.send(HttpRequest.newBuilder(URI.create(fb.apiUrl() + "/web/v3/account/"
                + fb.account() + "/engineUrl")).GET()).statusCode());
    }

    @Test
    void engineCallsNeedA2Token(LocalServer server) throws Exception {
        HttpResponse<String> missing = Http2.system(fb, null, "", "SELECT 1");
        assertEquals(401, missing.statusCode());
        assertEquals("Unauthenticated", Http2.error(missing).get("name").asText());
        String v1Token = Http.token(server);
        assertEquals(401, Http2.system(fb, v1Token, "", "SELECT 1").statusCode());
        assertEquals(401, Http2.engine(fb, "local_engine", v1Token, "", "SELECT 1").statusCode());
    }

    @Test
    void anUnlinkedServiceAccountSignsInButNoEngineLetsItIn() throws Exception {
        String token = Http2.signIn(fb, fb.unlinkedClientId(), fb.unlinkedClientSecret());
        HttpResponse<String> url = Http2.get(fb.apiUrl()
                + "/web/v3/account/" + fb.account() + "/engineUrl", token);
        assertEquals(200, url.statusCode());

        HttpResponse<String> use = Http2.system(fb, token, "", "USE ENGINE local_engine");
        assertEquals(400, use.statusCode());
        assertEquals("Engine \"local_engine\" does not exist or not authorized", Http2.error(use).get("description").asText());
        assertEquals(400, Http2.system(fb, token, "", "USE DATABASE local_db").statusCode());
        assertEquals(400, Http2.system(fb, token, "database=local_db", "SELECT 1").statusCode());
        HttpResponse<String> engines = Http2.system(fb, token, "", "SELECT count(*) FROM information_schema.engines");
        assertEquals("0", Http2.tsv(engines).get(2)[0], engines.body());

        HttpResponse<String> direct = Http2.engine(fb, "local_engine", token, "", "SELECT 1");
        assertEquals(500, direct.statusCode());
        JsonNode e = Http2.error(direct);
        assertEquals("401", e.get("code").asText());
        assertTrue(e.get("description").asText().startsWith("401 Unauthorized"), direct.body());
    }

    @Test
    void expiringTokensEnds2SessionsToo(LocalServer server) throws Exception {
        try (LocalServer s = LocalServer.builder().dataDir(server.dataDir().resolve("expiry")).sampleRows(100)
                .firebolt2(dev.rowpipe.local.firebolt2.Firebolt2Settings.builder().build()).build().start()) {
            Firebolt2 f = s.firebolt2();
            String token = Http2.signIn(f);
            assertEquals(200, Http2.system(f, token, "", "SELECT 1").statusCode());
            s.expireAllTokens();
            assertEquals(401, Http2.system(f, token, "", "SELECT 1").statusCode());
            assertEquals(200, Http2.system(f, Http2.signIn(f), "", "SELECT 1").statusCode());
        }
    }
}
