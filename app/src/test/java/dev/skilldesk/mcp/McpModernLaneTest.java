package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2026-07-28 lane over stdio, message by message, beside a 2025-11-25 session on the same connection: the
 * envelope checked (-32602), a version it does not speak (-32022 listing the one it does), removed methods (-32601),
 * resultType, serverInfo and caching hints on results, the Skills Extension's {@code {"skill": …}}, and a
 * {@code subscriptions/listen} that acknowledges first, tags what it sends with the subscription id, carries a list
 * change from a save, and ends with its result when the client cancels it.
 */
class McpModernLaneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", "team-a");
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    @TempDir
    Path dir;
    SkillDeskCore core;
    ListChangeNotifier changes;
    OutputStream toServer;
    final LinkedBlockingQueue<JsonNode> fromServer = new LinkedBlockingQueue<>();
    Thread server;

    @BeforeEach
    void start() throws Exception {
        core = SkillDeskCore.open(dir.resolve("lib"), ALICE, Map.of());
        save("meeting-notes");
        changes = ListChangeNotifier.of(core);
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        toServer = new PipedOutputStream(serverIn);
        PipedOutputStream serverOut = new PipedOutputStream();
        PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 20);
        McpSkillServer mcp = new McpSkillServer(SkillTools.of(core, ALICE), "test");
        server = new Thread(() -> {
            try {
                mcp.serve(serverIn, serverOut, changes);
                serverOut.close();
            } catch (Exception e) {
                // the test ended
            }
        });
        server.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    fromServer.add(JSON.readTree(line));
                }
            } catch (Exception e) {
                // closed
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stop() throws Exception {
        toServer.close();
        server.join(5000);
        changes.close();
        core.close();
    }

    private void save(String name) {
        assertThat(core.library().save(ALICE, new SkillDraft("test", name, skillMd(name, "Does " + name + " well.",
                "## Core Instructions\nDo it."), List.of()), new SaveOptions("team-a", AccessLevel.TEAM, null)).stored()).isTrue();
    }

    private void send(String line) throws Exception {
        toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    /** The next message from the server, within 10 s. */
    private JsonNode next() throws Exception {
        JsonNode m = fromServer.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message from the server").isNotNull();
        return m;
    }

    private JsonNode answerTo(String id) throws Exception {
        while (true) {
            JsonNode m = next();
            if (m.path("id").asText("").equals(id)) {
                return m;
            }
        }
    }

    @Test
    void theEnvelopeVersionsAndRemovedMethodsAreCheckedPerRequest() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"server/discover\",\"params\":{" + META + "}}");
        JsonNode d = answerTo("d").path("result");
        assertThat(d.path("resultType").asText()).isEqualTo("complete");
        assertThat(d.path("supportedVersions").toString()).isEqualTo("[\"2026-07-28\"]");
        assertThat(d.path("capabilities").path("extensions").has("io.modelcontextprotocol/skills")).isTrue();
        assertThat(d.path("capabilities").has("resources")).as("the extension needs resources").isTrue();
        assertThat(d.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").asText()).isEqualTo("skilldesk");
        assertThat(d.path("cacheScope").asText()).isEqualTo("public");

        send("{\"jsonrpc\":\"2.0\",\"id\":\"m\",\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");
        assertThat(answerTo("m").path("error").path("code").asInt()).isEqualTo(-32602);
        send("{\"jsonrpc\":\"2.0\",\"id\":\"v\",\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"v999\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
        JsonNode v = answerTo("v").path("error");
        assertThat(v.path("code").asInt()).isEqualTo(-32022);
        assertThat(v.path("data").path("requested").asText()).isEqualTo("v999");
        assertThat(v.path("data").path("supported").toString()).isEqualTo("[\"2026-07-28\"]");
        for (String removed : List.of("initialize", "ping", "logging/setLevel", "resources/subscribe")) {
            send("{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"method\":\"" + removed + "\",\"params\":{" + META + "}}");
            assertThat(answerTo("r").path("error").path("code").asInt()).as(removed).isEqualTo(-32601);
        }

        send("{\"jsonrpc\":\"2.0\",\"id\":\"g\",\"method\":\"skills/get\",\"params\":{\"uri\":"
                + "\"skill://team-a/meeting-notes/SKILL.md\"," + META + "}}");
        JsonNode g = answerTo("g").path("result");
        assertThat(g.path("skill").path("uri").asText()).isEqualTo("skill://team-a/meeting-notes/SKILL.md");
        assertThat(g.path("cacheScope").asText()).as("what a skill holds depends on who asks").isEqualTo("private");
        assertThat(g.path("ttlMs").isIntegralNumber()).isTrue();
        send("{\"jsonrpc\":\"2.0\",\"id\":\"t\",\"method\":\"tools/list\",\"params\":{" + META + "}}");
        JsonNode t = answerTo("t").path("result");
        List<String> names = new java.util.ArrayList<>();
        t.path("tools").forEach(x -> names.add(x.path("name").asText()));
        assertThat(names).as("a fixed order").containsExactly("search_skills", "get_skill", "list_skills",
                "read_skill_file", "record_outcome");

        // the legacy lane still opens a session on the same connection
        send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertThat(answerTo("init").path("result").path("protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    @Test
    void listenAcknowledgesFirstTagsItsNotificationsAndEndsWithItsResult() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"listen:0\",\"method\":\"subscriptions/listen\",\"params\":{" + META
                + ",\"notifications\":{\"resourcesListChanged\":true,\"toolsListChanged\":true}}}");
        JsonNode ack = next();
        assertThat(ack.path("method").asText()).isEqualTo("notifications/subscriptions/acknowledged");
        assertThat(ack.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId").asText()).isEqualTo("listen:0");
        assertThat(ack.path("params").path("notifications").has("toolsListChanged")).as("tools never change here").isFalse();
        assertThat(ack.path("params").path("notifications").path("resourcesListChanged").asBoolean()).isTrue();

        save("release-checklist");
        JsonNode changed = next();
        assertThat(changed.path("method").asText()).isEqualTo("notifications/resources/list_changed");
        assertThat(changed.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId").asText()).isEqualTo("listen:0");

        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"listen:0\"}}");
        JsonNode end = answerTo("listen:0");
        assertThat(end.path("result").path("resultType").asText()).isEqualTo("complete");
        assertThat(end.path("result").path("_meta").path("io.modelcontextprotocol/subscriptionId").asText()).isEqualTo("listen:0");
    }
}
