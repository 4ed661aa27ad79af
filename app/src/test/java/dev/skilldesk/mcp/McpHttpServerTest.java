package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code skilldesk mcp --http} at the HTTP level, as a hostile or careless client meets it: tokens, Host and
 * Origin, sessions, the extension's methods per identity, unknown tools and resources, directory reads.
 */
class McpHttpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", "team-a");
    private static final Principal BOB = new Principal("bob", "team-b");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    SkillDeskCore core;
    McpHttpServer server;

    @BeforeEach
    void start() throws Exception {
        core = SkillDeskCore.open(dir.resolve("lib"), ALICE, Map.of());
        byte[] py = "print('x')\n".getBytes(StandardCharsets.UTF_8);
        save(ALICE, "alice-notes", AccessLevel.PRIVATE, List.of(new SkillFile("scripts/run.py", py, ContentHash.sha256(py), true),
                new SkillFile("scripts/lib/util.py", py, ContentHash.sha256(py), true)));
        save(BOB, "bob-secret", AccessLevel.PRIVATE, List.of());
        server = McpHttpServer.start(new McpSkillServer(SkillTools.of(core, ALICE), "test"), ListChangeNotifier.of(core),
                "127.0.0.1", 0, Map.of("alice-token-1", ALICE, "bob-token-22", BOB), Set.of());
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
    }

    @Test
    void aMissingOrWrongTokenGets401AndABadHostOrOrigin403() throws Exception {
        assertThat(post(null, null, initialize(), Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = post("not-a-token-at-all", null, initialize(), Map.of());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(post("alice-token-1", null, initialize(), Map.of("Origin", "http://evil.example.com")).statusCode())
                .isEqualTo(403);
        assertThat(post("alice-token-1", null, initialize(), Map.of("Origin", "http://localhost:5173")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void eachTokenSeesItsOwnSkillsAndAHiddenOneFailsExactlyAsAMissingOne() throws Exception {
        String alice = session("alice-token-1");
        String bob = session("bob-token-22");
        assertThat(call("alice-token-1", alice, "skills/list", "{}").toString()).contains("skill://team-a/alice-notes/SKILL.md")
                .doesNotContain("bob-secret");
        assertThat(call("bob-token-22", bob, "skills/list", "{}").toString()).contains("skill://team-b/bob-secret/SKILL.md")
                .doesNotContain("alice-notes");
        // bob, on his own session, asks for alice's private skill: the same answer as for one that never existed
        JsonNode hidden = call("bob-token-22", bob, "resources/read", "{\"uri\":\"skill://team-a/alice-notes/SKILL.md\"}");
        JsonNode missing = call("bob-token-22", bob, "resources/read", "{\"uri\":\"skill://team-a/no-such/SKILL.md\"}");
        assertThat(hidden.get("error").get("code")).isEqualTo(missing.get("error").get("code"));
        assertThat(hidden.get("error").get("message").asText().replace("alice-notes", "X"))
                .isEqualTo(missing.get("error").get("message").asText().replace("no-such", "X"));
        assertThat(call("bob-token-22", bob, "resources/directory/read", "{\"uri\":\"skill://team-a/alice-notes\"}")
                .get("error").get("code").asInt()).isEqualTo(-32602);
    }

    /**
     * A session is bound to the token that opened it: with another token, its id gets exactly what an id the server
     * never gave gets (POST, the GET stream, DELETE), and the session goes on for its owner.
     */
    @Test
    void anotherTokensSessionIsAnUnknownSession() throws Exception {
        String alice = session("alice-token-1");
        HttpResponse<String> foreignPost = post("bob-token-22", alice, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}",
                Map.of());
        HttpResponse<String> unknownPost = post("bob-token-22", "never-given", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/list\"}", Map.of());
        assertThat(foreignPost.statusCode()).isEqualTo(404).isEqualTo(unknownPost.statusCode());
        assertThat(foreignPost.body().replace(alice, "X")).isEqualTo(unknownPost.body().replace("never-given", "X"));
        assertThat(foreignPost.body()).doesNotContain("alice-notes");
        // a notification and a client's answer on her session are refused the same way
        assertThat(post("bob-token-22", alice, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"requestId\":1}}", Map.of()).statusCode()).isEqualTo(404);
        assertThat(post("bob-token-22", alice, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", Map.of()).statusCode())
                .isEqualTo(404);
        // the GET stream: bob cannot attach to hers
        HttpResponse<String> foreignGet = http.send(HttpRequest.newBuilder(server.endpoint()).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer bob-token-22").header("Mcp-Session-Id", alice)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreignGet.statusCode()).isEqualTo(404);
        // DELETE: bob cannot end it
        HttpResponse<String> foreignDelete = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("Authorization", "Bearer bob-token-22").header("Mcp-Session-Id", alice).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreignDelete.statusCode()).isEqualTo(404);
        // alice's session still works for alice, and she can end it herself
        assertThat(call("alice-token-1", alice, "skills/list", "{}").toString()).contains("alice-notes");
        HttpResponse<String> ownDelete = http.send(HttpRequest.newBuilder(server.endpoint())
                .header("Authorization", "Bearer alice-token-1").header("Mcp-Session-Id", alice).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ownDelete.statusCode()).isLessThan(300);
        assertThat(post("alice-token-1", alice, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}", Map.of())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void directoriesListTheirDirectChildren() throws Exception {
        String s = session("alice-token-1");
        JsonNode root = call("alice-token-1", s, "resources/directory/read", "{\"uri\":\"skill://team-a/alice-notes\"}");
        assertThat(names(root)).containsExactly("SKILL.md", "scripts");
        assertThat(root.at("/result/resources/1/mimeType").asText()).isEqualTo("inode/directory");
        JsonNode scripts = call("alice-token-1", s, "resources/directory/read", "{\"uri\":\"skill://team-a/alice-notes/scripts\"}");
        assertThat(names(scripts)).containsExactly("lib", "run.py");
        assertThat(call("alice-token-1", s, "resources/directory/read", "{\"uri\":\"skill://team-a/alice-notes/nope\"}")
                .get("error").get("code").asInt()).isEqualTo(-32602);
        assertThat(names(call("alice-token-1", s, "resources/directory/read", "{\"uri\":\"skill://team-a\"}")))
                .containsExactly("alice-notes");
    }

    @Test
    void badHttpInputGetsAJsonRpcErrorThatSaysWhatIsWrongAndNoStackTrace() throws Exception {
        String token = "alice-token-1";
        record Bad(String body, String session, Map<String, String> headers, int status, int code, String says) {
        }
        String s = session(token);
        List<Bad> cases = List.of(
                new Bad("hello", null, Map.of(), 400, -32700, "not JSON"),
                new Bad("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", s, Map.of(), 400, -32600, "batches"),
                new Bad("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", s, Map.of(), 400, -32600, "\"2.0\""),
                new Bad("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", s, Map.of(), 400, -32600, "\"id\""),
                new Bad("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}", s, Map.of(), 400, -32600, "\"params\""),
                new Bad("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", null, Map.of(), 400, -32600, "Mcp-Session-Id"),
                new Bad("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "no-such-session", Map.of(), 404, -32001, "initialize again"),
                new Bad("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", s, Map.of("Accept", "application/json"), 406, -32600, "text/event-stream"),
                new Bad("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", s, Map.of("Content-Type", "text/plain"), 415, -32600, "application/json"));
        for (Bad b : cases) {
            HttpResponse<String> r = post(token, b.session(), b.body(), b.headers());
            assertThat(r.statusCode()).as(b.body() + " → " + r.body()).isEqualTo(b.status());
            JsonNode e = JSON.readTree(r.body());
            assertThat(e.get("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(e.at("/error/code").asInt()).as(r.body()).isEqualTo(b.code());
            assertThat(e.at("/error/message").asText()).contains(b.says());
            assertThat(r.body()).doesNotContain("stackTrace", "Exception", "at io.");
        }
        // the session is still good after all that
        assertThat(call(token, s, "skills/list", "{}").toString()).contains("alice-notes");
        // GET without a session, and a session the server never gave
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.endpoint()).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(get.body()).contains("Mcp-Session-Id").doesNotContain("stackTrace");
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(server.endpoint()).header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", "never-given").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownToolIsNamedInTheError() throws Exception {
        String s = session("alice-token-1");
        JsonNode r = call("alice-token-1", s, "tools/call", "{\"name\":\"delete_everything\",\"arguments\":{}}");
        assertThat(r.get("error").get("code").asInt()).isEqualTo(-32602);
        assertThat(r.get("error").get("message").asText()).contains("'delete_everything'", "search_skills");
    }

    @Test
    void aNonLoopbackAddressWithoutTokensIsRefused() {
        assertThatThrownBy(() -> McpHttpServer.start(new McpSkillServer(SkillTools.of(core, ALICE), "test"), null,
                "0.0.0.0", 0, Map.of(), Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SKILLDESK_MCP_TOKENS");
        assertThatThrownBy(() -> McpHttpServer.parseTokens("short=alice")).hasMessageContaining("entry 1");
        assertThat(McpHttpServer.parseTokens("abcdefgh=alice@team-a, 12345678=bob"))
                .containsEntry("abcdefgh", ALICE).containsEntry("12345678", new Principal("bob", "bob"));
    }

    private static List<String> names(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.at("/result/resources").forEach(r -> out.add(r.get("name").asText()));
        return out;
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    }

    private String session(String token) throws Exception {
        HttpResponse<String> r = post(token, null, initialize(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", Map.of());
        return id;
    }

    private JsonNode call(String token, String session, String method, String params) throws Exception {
        HttpResponse<String> r = post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method
                + "\",\"params\":" + params + "}", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String body = r.body();
        if (body.startsWith("id:") || body.startsWith("event:") || body.startsWith("data:")) {
            body = body.lines().filter(l -> l.startsWith("data:")).reduce((a, b) -> b).orElseThrow().substring(5).strip();
        }
        return JSON.readTree(body);
    }

    private HttpResponse<String> post(String token, String session, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", headers.getOrDefault("Content-Type", "application/json"))
                .header("Accept", headers.getOrDefault("Accept", "application/json, text/event-stream"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        headers.forEach((k, v) -> {
            if (!k.equals("Content-Type") && !k.equals("Accept")) {
                b.header(k, v);
            }
        });
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void save(Principal owner, String name, AccessLevel access, List<SkillFile> files) {
        assertThat(core.library().save(owner, new SkillDraft("test", name, skillMd(name, "Does " + name + " things well.",
                        "## Core Instructions\nDo it."), files),
                new SaveOptions(owner.namespace(), access, null)).stored()).isTrue();
    }
}
