package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Skills Extension over stdio, as a client that knows only the SEP would use it: the capability in the
 * initialize answer, skills/list with every file's digest and size (checked against the bytes resources/read
 * gives), skills/get, resources/list and templates, and the access rule: another agent's private skill is
 * answered as one that does not exist.
 */
class McpSkillsExtensionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", "team-a");
    private static final Principal BOB = new Principal("bob", "team-b");

    @TempDir
    Path dir;
    SkillDeskCore core;

    @BeforeEach
    void library() {
        core = SkillDeskCore.open(dir.resolve("lib"), ALICE, Map.of());
        core.library().save(ALICE, new SkillDraft("t", "pdf-forms", skillMd("pdf-forms", "Fill PDF forms.",
                        "## Core Instructions\nFill them."), List.of(
                        new SkillFile("scripts/fill.py", "print('fill')\n".getBytes(StandardCharsets.UTF_8),
                                sha("print('fill')\n".getBytes(StandardCharsets.UTF_8)), true),
                        new SkillFile("assets/logo.bin", new byte[] {0, 1, 2, (byte) 255}, sha(new byte[] {0, 1, 2, (byte) 255}), false))),
                new SaveOptions("team-a", AccessLevel.PUBLIC, null));
        core.library().save(ALICE, new SkillDraft("t", "diary", skillMd("diary", "Alice's own diary.", "b"), List.of()),
                new SaveOptions("team-a", AccessLevel.PRIVATE, null));
    }

    @AfterEach
    void close() {
        core.close();
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection to an in-process server acting as {@code who}. */
    private final class Client implements AutoCloseable {
        final OutputStream toServer;
        final BufferedReader fromServer;
        final Thread server;
        int next = 1;

        Client(Principal who) throws Exception {
            PipedOutputStream clientOut = new PipedOutputStream();
            PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 20);
            PipedOutputStream serverOut = new PipedOutputStream();
            PipedInputStream clientIn = new PipedInputStream(serverOut, 1 << 20);
            McpSkillServer s = new McpSkillServer(SkillTools.of(core, who), "test");
            server = new Thread(() -> {
                try {
                    s.serve(serverIn, serverOut);
                } catch (InterruptedException ignored) {
                    // closing
                }
            });
            server.start();
            toServer = clientOut;
            fromServer = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
        }

        JsonNode call(String method, Map<String, Object> params) throws Exception {
            int id = next++;
            String line = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
            toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toServer.flush();
            while (true) {
                JsonNode msg = JSON.readTree(fromServer.readLine());
                if (msg.has("id") && msg.get("id").asInt() == id) {
                    return msg;
                }
            }
        }

        JsonNode initialize() throws Exception {
            JsonNode r = call("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "sep-client", "version", "1")));
            toServer.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n".getBytes(StandardCharsets.UTF_8));
            toServer.flush();
            return r;
        }

        @Override
        public void close() throws Exception {
            toServer.close();
            server.join(10_000);
        }
    }

    @Test
    void skillsAreListedWithDigestsThatMatchWhatResourcesReadGives() throws Exception {
        try (Client c = new Client(ALICE)) {
            JsonNode init = c.initialize();
            assertThat(init.at("/result/capabilities/extensions").has(SkillsExtension.ID)).isTrue();
            assertThat(init.at("/result/capabilities").has("resources")).isTrue();

            JsonNode list = c.call("skills/list", Map.of());
            JsonNode skills = list.at("/result/skills");
            assertThat(skills).hasSize(2);
            JsonNode pdf = null;
            for (JsonNode s : skills) {
                if (s.get("uri").asText().equals("skill://team-a/pdf-forms/SKILL.md")) {
                    pdf = s;
                }
            }
            assertThat(pdf).isNotNull();
            assertThat(pdf.at("/frontmatter/name").asText()).isEqualTo("pdf-forms");
            assertThat(pdf.at("/frontmatter/description").asText()).isEqualTo("Fill PDF forms.");
            assertThat(pdf.get("resources")).hasSize(3);
            for (JsonNode r : pdf.get("resources")) {
                JsonNode read = c.call("resources/read", Map.of("uri", r.get("uri").asText()));
                JsonNode content = read.at("/result/contents/0");
                byte[] bytes = content.has("text") ? content.get("text").asText().getBytes(StandardCharsets.UTF_8)
                        : Base64.getDecoder().decode(content.get("blob").asText());
                assertThat("sha256:" + sha(bytes)).as(r.get("uri").asText()).isEqualTo(r.get("digest").asText());
                assertThat((long) bytes.length).isEqualTo(r.get("size").asLong());
            }
            JsonNode got = c.call("skills/get", Map.of("uri", "skill://team-a/pdf-forms/SKILL.md"));
            assertThat(got.at("/result/skill/resources")).isEqualTo(pdf.get("resources"));
            assertThat(c.call("resources/list", Map.of()).at("/result/resources")).hasSize(2);
            assertThat(c.call("resources/templates/list", Map.of()).at("/result/resourceTemplates")).hasSize(2);
        }
        core.activations().flush();
        assertThat(core.activations().recent(core.library().get(ALICE, "team-a", "pdf-forms").orElseThrow().skill().id(), 10))
                .as("reading SKILL.md through resources is an activation, outcome unknown")
                .anyMatch(a -> a.activation().activationType().equals("mcp_resource") && a.activation().success() == null);
    }

    @Test
    void anotherAgentsPrivateSkillIsAnsweredAsOneThatDoesNotExist() throws Exception {
        try (Client c = new Client(BOB)) {
            c.initialize();
            JsonNode list = c.call("skills/list", Map.of());
            assertThat(list.at("/result/skills")).hasSize(1);
            assertThat(list.toString()).doesNotContain("diary");
            JsonNode hidden = c.call("resources/read", Map.of("uri", "skill://team-a/diary/SKILL.md"));
            JsonNode missing = c.call("resources/read", Map.of("uri", "skill://team-a/no-such-skill/SKILL.md"));
            assertThat(hidden.at("/error/code").asInt()).isEqualTo(SkillsExtension.NOT_FOUND)
                    .isEqualTo(missing.at("/error/code").asInt());
            assertThat(hidden.at("/error/message").asText().replace("diary", "X"))
                    .isEqualTo(missing.at("/error/message").asText().replace("no-such-skill", "X"));
            assertThat(c.call("skills/get", Map.of("uri", "skill://team-a/diary/SKILL.md")).at("/error/code").asInt())
                    .isEqualTo(SkillsExtension.NOT_FOUND);
            assertThat(c.call("skills/get", Map.of()).at("/error/code").asInt()).isEqualTo(SkillsExtension.INVALID_PARAMS);
            // the server reads on after each error
            assertThat(c.call("ping", Map.of()).has("result")).isTrue();
        }
    }
}
