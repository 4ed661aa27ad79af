package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.store.ActivationStore;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code skilldesk mcp} as agents run it: a child JVM on stdio, driven by the MCP SDK's own client. Two agents
 * in two namespaces are served at once from one library; each sees only what the access rules give it.
 */
class McpServerProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", "team-a");
    private static final Principal BOB = new Principal("bob", "team-b");
    private static final Principal CAROL = new Principal("carol", "shared-ns");

    @TempDir
    Path dir;
    Path data;
    final ConcurrentLinkedQueue<String> childErr = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void library() {
        data = dir.resolve("lib");
        byte[] binary = {0, 1, 2, (byte) 0xff, 0};
        try (SkillDeskCore core = SkillDeskCore.open(data, ALICE, Map.of())) {
            save(core, ALICE, "alice-private-notes", "Take meeting notes in Alice's private format.",
                    AccessLevel.PRIVATE, List.of(text("scripts/run.py", "print('notes')\n"),
                            text("references/guide.md", "# Guide\n"),
                            new SkillFile("assets/logo.bin", binary, dev.skilldesk.library.ContentHash.sha256(binary), false)));
            save(core, ALICE, "team-a-handbook", "How team A writes release notes.", AccessLevel.TEAM, List.of());
            save(core, BOB, "bob-secret", "Bob's private deployment checklist.", AccessLevel.PRIVATE, List.of());
            save(core, CAROL, "pdf-tools", "Fill, merge and split PDF forms.", AccessLevel.PUBLIC, List.of());
        }
    }

    @Test
    void twoAgentsAtOnceSearchLoadReportAndSeeOnlyTheirOwnPrivateSkills() throws Exception {
        McpSyncClient alice = client("--agent", "alice", "--namespace", "team-a");
        McpSyncClient bob = client("--agent", "bob", "--namespace", "team-b");
        String activationId;
        String reported;
        try {
            // the tools and their schemas
            List<String> tools = alice.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(tools).containsExactlyInAnyOrder("search_skills", "get_skill", "list_skills",
                    "read_skill_file", "record_outcome");

            // alice: search, then the layers
            JsonNode found = ok(alice, "search_skills", Map.of("query", "meeting notes", "top_k", 3));
            assertThat(found.get("results").get(0).get("name").asText()).isEqualTo("team-a/alice-private-notes");
            assertThat(found.get("results").get(0).get("relevance").asDouble()).isBetween(0.01, 1.0);

            JsonNode core = ok(alice, "get_skill", Map.of("name", "alice-private-notes", "layer", 2));
            assertThat(core.get("text").asText()).contains("Take meeting notes");
            assertThat(core.get("tokens").asInt()).isPositive();
            activationId = core.get("activation_id").asText();

            JsonNode full = ok(alice, "get_skill", Map.of("name", "team-a/alice-private-notes", "layer", 3));
            assertThat(full.get("text").asText()).contains("name: alice-private-notes", "scripts/run.py");
            assertThat(full.get("files").toString()).contains("references/guide.md");
            reported = full.get("activation_id").asText();
            assertThat(reported).isNotEqualTo(activationId);

            JsonNode l1 = ok(alice, "get_skill", Map.of("name", "alice-private-notes", "layer", 1));
            assertThat(l1.has("activation_id")).as("layer 1 is a listing, not an activation").isFalse();

            // a plain name outside the namespace: the one visible skill of that name
            assertThat(ok(alice, "get_skill", Map.of("name", "pdf-tools")).get("name").asText())
                    .isEqualTo("shared-ns/pdf-tools");

            // files: exact stored paths only
            assertThat(ok(alice, "read_skill_file", Map.of("name", "alice-private-notes", "path", "scripts/run.py"))
                    .get("content").asText()).isEqualTo("print('notes')\n");
            JsonNode bin = ok(alice, "read_skill_file", Map.of("name", "alice-private-notes", "path", "assets/logo.bin"));
            assertThat(bin.get("encoding").asText()).isEqualTo("base64");
            assertThat(Base64.getDecoder().decode(bin.get("content").asText())).containsExactly(0, 1, 2, 0xff, 0);
            assertThat(error(alice, "read_skill_file", Map.of("name", "alice-private-notes", "path", "../bob-secret/SKILL.md")))
                    .contains("'..'");
            assertThat(error(alice, "read_skill_file", Map.of("name", "alice-private-notes", "path", "/etc/passwd")))
                    .contains("absolute");
            assertThat(error(alice, "read_skill_file", Map.of("name", "alice-private-notes", "path", "scripts/nope.py")))
                    .contains("no file 'scripts/nope.py'", "scripts/run.py");

            // bad arguments: tool errors that say what is wrong, never a stack trace
            assertThat(error(alice, "get_skill", Map.of("name", "alice-private-notes", "layer", 7)))
                    .isEqualTo("get_skill: 'layer' must be from 1 to 3, not 7");
            assertThat(error(alice, "search_skills", Map.of("query", "x", "top_k", "many")))
                    .contains("'top_k' must be an integer");
            assertThat(error(alice, "search_skills", Map.of("query", "x", "mode", "sideways")))
                    .contains("unknown search mode 'sideways'");
            assertThat(error(alice, "get_skill", Map.of())).contains("'name' is required");
            assertThat(error(alice, "list_skills", Map.of("colour", "red"))).contains("unknown argument 'colour'");
            assertThat(error(alice, "record_outcome", Map.of("activation_id", "not-an-id", "success", true)))
                    .contains("not an activation id");
            assertThat(error(alice, "record_outcome", Map.of("activation_id", "00000000-0000-0000-0000-000000000000",
                    "success", true))).contains("no activation");

            assertThat(ok(alice, "record_outcome", Map.of("activation_id", reported, "success", false,
                    "error", "the script needs python3")).get("recorded").asBoolean()).isTrue();

            // bob, another namespace, same library, same time: alice's private and team skills do not exist for him
            JsonNode bobList = ok(bob, "list_skills", Map.of());
            assertThat(names(bobList.get("skills"))).containsExactly("shared-ns/pdf-tools", "team-b/bob-secret");
            assertThat(bobList.get("total").asInt()).isEqualTo(2);
            assertThat(names(ok(bob, "search_skills", Map.of("query", "meeting notes", "top_k", 10)).get("results")))
                    .doesNotContain("team-a/alice-private-notes", "team-a/team-a-handbook");
            assertThat(error(bob, "get_skill", Map.of("name", "team-a/alice-private-notes")))
                    .isEqualTo("no skill 'team-a/alice-private-notes'");
            assertThat(error(bob, "get_skill", Map.of("name", "alice-private-notes")))
                    .contains("no skill 'alice-private-notes'");
            assertThat(error(bob, "read_skill_file", Map.of("name", "team-a/alice-private-notes", "path", "scripts/run.py")))
                    .isEqualTo("no skill 'team-a/alice-private-notes'");
            // nor may bob report on alice's activation
            assertThat(error(bob, "record_outcome", Map.of("activation_id", activationId, "success", true)))
                    .contains("no activation");
            // and alice does not see bob's
            assertThat(names(ok(alice, "list_skills", Map.of()).get("skills"))).doesNotContain("team-b/bob-secret");
        } finally {
            alice.closeGracefully();
            bob.closeGracefully();
        }

        // the activations are in the store, written by the child processes
        try (SkillDeskCore core = SkillDeskCore.open(data, ALICE, Map.of())) {
            ActivationStore store = core.activationStore();
            dev.skilldesk.skill.StoredActivation loaded = store.find(SkillTools.KEY_PREFIX + activationId).orElseThrow(() ->
                    new AssertionError("activation missing; child stderr:\n" + String.join("\n", childErr)));
            assertThat(loaded.activation().activationType()).isEqualTo("mcp_tool");
            assertThat(loaded.activation().agentId()).isEqualTo("alice");
            assertThat(loaded.activation().layerLoaded()).isEqualTo(2);
            assertThat(loaded.activation().tokensLoaded()).isPositive();
            assertThat(loaded.activation().success()).as("never reported: unknown, not a success").isNull();
            assertThat(loaded.outcomeAt()).isNull();

            dev.skilldesk.skill.StoredActivation failed = store.find(SkillTools.KEY_PREFIX + reported).orElseThrow();
            assertThat(failed.activation().layerLoaded()).isEqualTo(3);
            assertThat(failed.activation().success()).isFalse();
            assertThat(failed.activation().errorMessage()).isEqualTo("the script needs python3");
            assertThat(failed.outcomeAt()).isNotNull();

            int mcpRows = core.database().withJdbc(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM skill_activations WHERE activation_type = 'mcp_tool'");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(mcpRows).as("layers 2 and 3 of alice's skill, and pdf-tools at layer 2").isEqualTo(3);
        }
    }

    /**
     * The raw pipe, without the SDK: every line on stdout is a JSON-RPC message, even with the embedding model
     * and the index starting up, and the identity comes from the environment when no flag gives one.
     */
    @Test
    void stdoutCarriesOnlyProtocolAndTheIdentityComesFromTheEnvironment() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command("mcp", "--data-dir", data.toString()));
        pb.environment().remove("SKILLDESK_AGENT_ID");
        pb.environment().put("SKILLDESK_AUTHOR", "alice");
        pb.environment().put("SKILLDESK_NAMESPACE", "team-a");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        List<JsonNode> replies = new ArrayList<>();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search_skills\","
                    + "\"arguments\":{\"query\":\"meeting notes\"}}}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_skill\","
                    + "\"arguments\":{\"name\":\"alice-private-notes\"}}}");
            while (replies.size() < 3) {
                String line = out.readLine();
                assertThat(line).as("stdout ended early").isNotNull();
                JsonNode msg = JSON.readTree(line); // throws on anything that is not JSON
                assertThat(msg.get("jsonrpc").asText()).isEqualTo("2.0");
                if (msg.has("id")) {
                    replies.add(msg); // not a notification (the server logs to the client while it waits)
                }
            }
            in.close(); // the client goes away: the server ends by itself
            assertThat(out.readLine()).isNull();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        JsonNode init = replies.stream().filter(r -> r.path("id").asInt() == 1).findFirst().orElseThrow();
        assertThat(init.at("/result/instructions").asText()).contains("agent alice in namespace team-a");
        JsonNode get = replies.stream().filter(r -> r.path("id").asInt() == 3).findFirst().orElseThrow();
        assertThat(get.at("/result/isError").asBoolean()).isFalse();
        assertThat(get.at("/result/structuredContent/name").asText()).isEqualTo("team-a/alice-private-notes");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private McpSyncClient client(String... identity) {
        List<String> cmd = command("mcp", "--data-dir", data.toString());
        cmd.addAll(List.of(identity));
        ServerParameters params = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(childErr::add);
        McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(90)).build();
        c.initialize();
        return c;
    }

    /** {@code java … dev.skilldesk.cli.SkillDeskCli ARGS} on this test's class path. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "dev.skilldesk.cli.SkillDeskCli"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void send(OutputStream in, String line) throws java.io.IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private JsonNode ok(McpSyncClient c, String tool, Map<String, Object> args) throws Exception {
        McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertThat(r.isError()).as(tool + " " + args + " -> " + text).isFalse();
        return JSON.readTree(text);
    }

    private String error(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertThat(r.isError()).as(tool + " " + args + " should fail, got " + text).isTrue();
        assertThat(text).doesNotContain("\tat ", "Exception:");
        return text;
    }

    private static List<String> names(JsonNode entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.get("name").asText()));
        return out;
    }

    private static SkillFile text(String path, String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return new SkillFile(path, b, dev.skilldesk.library.ContentHash.sha256(b), true);
    }

    private static void save(SkillDeskCore core, Principal owner, String name, String description, AccessLevel access,
                             List<SkillFile> files) {
        SaveOutcome o = core.library().save(owner, new SkillDraft("test", name,
                        skillMd(name, description, "## Core Instructions\n" + description), files),
                new SaveOptions(owner.namespace(), access, null));
        assertThat(o.stored()).as(o.reason()).isTrue();
    }
}
