package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP server as a client nobody here wrote sees it: a script on the official TypeScript SDK
 * ({@code app/src/test/node/mcp-client.mjs}, @modelcontextprotocol/sdk 1.32.2 from npm) over stdio and over
 * Streamable HTTP. It lists skills with {@code skills/list}, reads every file of them through
 * {@code resources/read} and checks each digest and size against the bytes, calls every tool (the SDK client
 * validates each result against the tool's outputSchema), and waits for the list-changed notification of an
 * import that the CLI makes in another process: it must come within two seconds of that import's end. Two
 * agents with different identities see different listings.
 */
class McpTypeScriptClientTest {
    /** The client script (under app/src/test/node) and the options it runs with before the rest. */
    String script() {
        return "mcp-client.mjs";
    }

    List<String> clientOptions() {
        return List.of();
    }

    /** The client's command line, before its options. */
    List<String> clientCommand() throws Exception {
        return List.of(NodeTools.node().toString(), NodeTools.client(script()).toString());
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", "team-a");
    private static final Principal BOB = new Principal("bob", "team-b");

    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void library() {
        data = dir.resolve("lib");
        byte[] binary = {0, 1, 2, (byte) 0xff, 0, (byte) 0x89};
        try (SkillDeskCore core = SkillDeskCore.open(data, ALICE, Map.of())) {
            save(core, ALICE, "alice-private-notes", "Take meeting notes in Alice's private format.", AccessLevel.PRIVATE,
                    List.of(text("scripts/run.py", "print('notes')\n"), text("references/guide.md", "# Guide — ü\n"),
                            new SkillFile("assets/logo.bin", binary, ContentHash.sha256(binary), false)));
            save(core, ALICE, "team-a-handbook", "How team A writes release notes.", AccessLevel.TEAM, List.of());
            save(core, BOB, "bob-secret", "Bob's private deployment checklist.", AccessLevel.PRIVATE,
                    List.of(text("scripts/deploy.sh", "echo deploy\n")));
            save(core, new Principal("carol", "shared-ns"), "pdf-tools", "Fill, merge and split PDF forms.",
                    AccessLevel.PUBLIC, List.of());
        }
    }

    @Test
    void overStdio() throws Exception {
        List<String> alice = new ArrayList<>(List.of("--stdio"));
        alice.addAll(McpServerProcessTest.command("--data-dir", data.toString(), "mcp", "--agent", "alice",
                "--namespace", "team-a"));
        List<String> bob = new ArrayList<>(List.of("--stdio"));
        bob.addAll(McpServerProcessTest.command("--data-dir", data.toString(), "mcp", "--agent", "bob",
                "--namespace", "team-b"));
        checkBoth(alice, bob);
    }

    @Test
    void overStreamableHttp() throws Exception {
        Map<String, Principal> tokens = Map.of("alice-token-1", ALICE, "bob-token-22", BOB);
        try (SkillDeskCore core = SkillDeskCore.open(data, ALICE, Map.of());
             ListChangeNotifier changes = ListChangeNotifier.of(core);
             McpHttpServer http = McpHttpServer.start(new McpSkillServer(SkillTools.of(core, ALICE), "test"), changes,
                     "127.0.0.1", 0, tokens, java.util.Set.of())) {
            String url = http.endpoint().toString();
            checkBoth(List.of("--url", url, "--token", "alice-token-1"), List.of("--url", url, "--token", "bob-token-22"));
        }
    }

    void checkBoth(List<String> aliceArgs, List<String> bobArgs) throws Exception {
        // the client's own options first: everything after --stdio is the server's command line
        List<String> a = new ArrayList<>(clientOptions());
        a.addAll(List.of("--read-skills", "10", "--query", "meeting notes", "--await-change"));
        a.addAll(aliceArgs);
        Map<String, JsonNode> alice = run(a, true);
        assertThat(uris(alice)).contains("skill://team-a/alice-private-notes/SKILL.md",
                        "skill://team-a/team-a-handbook/SKILL.md", "skill://shared-ns/pdf-tools/SKILL.md")
                .doesNotContain("skill://team-b/bob-secret/SKILL.md");
        assertThat(alice.get("verified").get("files").asInt()).as("every file of alice's skills").isGreaterThanOrEqualTo(6);
        assertThat(alice.get("tools").get("called").toString()).contains("search_skills", "get_skill", "list_skills",
                "read_skill_file", "record_outcome");
        JsonNode opened = alice.containsKey("initialized") ? alice.get("initialized") : alice.get("connected");
        assertThat(opened.get("extension").get("directoryRead").asBoolean()).isTrue();

        List<String> b = new ArrayList<>(clientOptions());
        b.addAll(bobArgs);
        Map<String, JsonNode> bob = run(b, false);
        assertThat(uris(bob)).contains("skill://team-b/bob-secret/SKILL.md", "skill://shared-ns/pdf-tools/SKILL.md")
                .doesNotContain("skill://team-a/alice-private-notes/SKILL.md", "skill://team-a/team-a-handbook/SKILL.md");
    }

    static List<String> uris(Map<String, JsonNode> events) {
        List<String> out = new ArrayList<>();
        events.get("skills").get("uris").forEach(u -> out.add(u.asText()));
        return out;
    }

    /**
     * Runs the client to its end; with {@code importOnCue}, imports a skill through the CLI in another process
     * when the client says it waits, and checks the notification came within 2 s of that import's end.
     */
    Map<String, JsonNode> run(List<String> args, boolean importOnCue) throws Exception {
        List<String> cmd = new ArrayList<>(clientCommand());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, JsonNode> events = new java.util.LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        long importEnded = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                JsonNode e = JSON.readTree(line);
                String event = e.path("event").asText();
                if (event.equals("failure")) {
                    failures.add(e.path("message").asText());
                }
                events.put(event, e);
                if (event.equals("awaiting-change") && importOnCue) {
                    importEnded = importInAnotherProcess();
                }
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).as("what the TypeScript client found").isEmpty();
        assertThat(events).containsKey("done");
        if (importOnCue) {
            JsonNode at = events.get("change").get("at");
            assertThat(at.isNull()).as("a list-changed notification arrived").isFalse();
            assertThat(at.asLong() - importEnded).as("ms from the import's end to the notification").isLessThanOrEqualTo(2000);
        }
        return events;
    }

    /** A client in its automatic mode over HTTP, as bob: it settles on 2026-07-28 and sees bob's listing. */
    void automaticModeOverHttp() throws Exception {
        Principal bob = new Principal("bob", "team-b");
        try (SkillDeskCore core = SkillDeskCore.open(data, bob, Map.of());
             McpHttpServer http = McpHttpServer.start(new McpSkillServer(SkillTools.of(core, bob), "test"),
                     ListChangeNotifier.of(core), "127.0.0.1", 0, Map.of("bob-token-22", bob), java.util.Set.of())) {
            Map<String, JsonNode> events = run(new ArrayList<>(List.of("--mode", "auto", "--read-skills", "2", "--url",
                    http.endpoint().toString(), "--token", "bob-token-22")), false);
            assertThat(events.get("connected").get("version").asText()).isEqualTo("2026-07-28");
            assertThat(uris(events)).contains("skill://team-b/bob-secret/SKILL.md")
                    .doesNotContain("skill://team-a/alice-private-notes/SKILL.md");
        }
    }

    /** {@code skilldesk import} of a new public skill in a JVM of its own; returns when it ended (epoch ms). */
    private long importInAnotherProcess() throws Exception {
        Path folder = dir.resolve("incoming-" + System.nanoTime()).resolve("release-checklist");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("SKILL.md"), skillMd("release-checklist",
                "Walk through the release checklist before tagging a version.", "## Core Instructions\nCheck."));
        List<String> cmd = McpServerProcessTest.command("--data-dir", data.toString(), "--agent", "alice",
                "--namespace", "team-a", "import", folder.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return System.currentTimeMillis();
    }

    private static SkillFile text(String path, String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return new SkillFile(path, b, ContentHash.sha256(b), true);
    }

    private static void save(SkillDeskCore core, Principal owner, String name, String description, AccessLevel access,
                             List<SkillFile> files) {
        SaveOutcome o = core.library().save(owner, new SkillDraft("test", name,
                        skillMd(name, description, "## Core Instructions\n" + description), files),
                new SaveOptions(owner.namespace(), access, null));
        assertThat(o.stored()).as(o.reason()).isTrue();
    }
}
