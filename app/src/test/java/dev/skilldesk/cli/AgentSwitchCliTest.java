package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code disable}, {@code enable}, {@code sees} and {@code scene} under a temporary HOME. */
class AgentSwitchCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path home;
    Path project;
    CliRunner cli;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("project"));
        cli = new CliRunner(dir.resolve("lib"));
        cli.env.put("HOME", home.toString());
    }

    private static void skill(Path folder, String name) throws Exception {
        Files.createDirectories(folder.resolve(name));
        Files.writeString(folder.resolve(name).resolve("SKILL.md"), "---\nname: " + name + "\ndescription: The " + name
                + " skill, for the test.\n---\n\nBody.\n");
    }

    private JsonNode sees(String agent) throws Exception {
        CliRunner.Result r = cli.run("sees", "--agent", agent, "--project", project.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static JsonNode at(JsonNode all, String path) {
        for (JsonNode n : all) {
            if (n.get("path").asText().equals(path)) {
                return n;
            }
        }
        throw new AssertionError("no " + path + " in " + all);
    }

    @Test
    void seesJsonGivesWhoWinsForClaudeCodeCodexAndAnAgentsSkillsAgent() throws Exception {
        skill(home.resolve(".claude/skills"), "deploy");
        skill(project.resolve(".claude/skills"), "deploy");
        skill(home.resolve(".agents/skills"), "review");
        skill(project.resolve(".agents/skills"), "review");

        JsonNode claude = sees("claude-code");
        for (JsonNode n : claude) {
            assertThat(n.fieldNames()).toIterable().containsExactly("name", "path", "scope", "wins", "override", "listing");
        }
        assertThat(at(claude, home.resolve(".claude/skills/deploy").toString()).get("wins").asBoolean()).isTrue();
        assertThat(at(claude, project.resolve(".claude/skills/deploy").toString()).get("wins").asBoolean()).isFalse();
        assertThat(at(claude, project.resolve(".claude/skills/deploy").toString()).get("listing").asText()).isEqualTo("dropped");

        JsonNode codex = sees("codex");
        assertThat(at(codex, home.resolve(".agents/skills/review").toString()).get("wins").asBoolean()).isTrue();
        assertThat(at(codex, project.resolve(".agents/skills/review").toString()).get("wins").asBoolean()).isTrue();
        assertThat(at(codex, project.resolve(".agents/skills/review").toString()).get("scope").asText()).isEqualTo("repo");

        JsonNode gemini = sees("gemini-cli");
        assertThat(at(gemini, project.resolve(".agents/skills/review").toString()).get("wins").asBoolean()).isTrue();
        assertThat(at(gemini, home.resolve(".agents/skills/review").toString()).get("wins").asBoolean()).isFalse();

        CliRunner.Result text = cli.run("sees", "--agent", "claude-code", "--project", project.toString());
        assertThat(text.out()).contains("enterprise overrides personal", "8,000 characters", "deploy");
    }

    @Test
    void disableAndEnableForClaudeCodeAndABrokenSettingsFileLeftAsItIs() throws Exception {
        skill(project.resolve(".claude/skills"), "deploy");
        Path settings = project.resolve(".claude/settings.json");
        Files.writeString(settings, "{\n    \"permissions\": {\"allow\": [\"Read\"]}\n}\n");
        CliRunner.Result off = cli.run("disable", "deploy", "--agent", "claude-code", "--project", project.toString(),
                "--mode", "name-only");
        assertThat(off.code()).as(off.err()).isZero();
        assertThat(off.out()).contains("Switched name-only deploy for Claude Code in " + project, settings.toString());
        assertThat(at(sees("claude-code"), project.resolve(".claude/skills/deploy").toString()).get("override").asText())
                .isEqualTo("name-only");
        assertThat(cli.run("enable", "deploy", "--agent", "claude-code", "--project", project.toString()).code()).isZero();
        assertThat(Files.readString(settings)).isEqualTo("{\n    \"permissions\": {\"allow\": [\"Read\"]}\n}\n");
        // the last switch is undone as a scene is
        assertThat(cli.run("scene", "--undo").out()).contains("undone: Switched on deploy for Claude Code");
        assertThat(Files.readString(settings)).contains("\"deploy\": \"name-only\"");
        assertThat(cli.run("enable", "deploy", "--agent", "claude-code", "--project", project.toString()).code()).isZero();

        Files.writeString(settings, "{\"permissions\": {\"allow\": [\"Read\"}}");
        CliRunner.Result broken = cli.run("disable", "deploy", "--agent", "claude-code", "--project", project.toString());
        assertThat(broken.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(broken.err()).contains(settings + ":1:", "does not parse", "left as it is");
        assertThat(Files.readString(settings)).isEqualTo("{\"permissions\": {\"allow\": [\"Read\"}}");

        CliRunner.Result bad = cli.run("disable", "deploy", "--agent", "codex", "--mode", "name-only");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("Codex switches a skill on or off only");
        assertThat(cli.run("disable", "deploy").err()).contains("--agent");
    }

    @Test
    void aSceneFromAProfileSwitchedAndUndoneByteIdentical() throws Exception {
        for (String s : List.of("alpha", "beta")) {
            Path in = dir.resolve("in").resolve(s);
            Files.createDirectories(in);
            Files.writeString(in.resolve("SKILL.md"), "---\nname: " + s + "\ndescription: The " + s + " skill for scenes.\n---\n\nBody.\n");
            assertThat(cli.run("import", in.toString()).code()).isZero();
            skill(home.resolve(".claude/skills"), s);
            skill(home.resolve(".codeium/windsurf/skills"), s);
        }
        Files.createDirectories(home.resolve(".claude"));
        Files.writeString(home.resolve(".claude/settings.json"), "{ \"model\": \"opus\" }\n");
        assertThat(cli.run("profile", "create", "focus").code()).isZero();
        assertThat(cli.run("profile", "add", "focus", "alpha", "beta").code()).isZero();
        Map<String, String> before = tree(home);

        CliRunner.Result dry = cli.run("scene", "focus", "--off", "--agent", "claude-code", "--agent", "windsurf", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would: Switch off 2 skills of focus for Claude Code, Windsurf", "settings.json");
        assertThat(tree(home)).isEqualTo(before);

        CliRunner.Result off = cli.run("scene", "focus", "--off", "--agent", "claude-code", "--agent", "windsurf");
        assertThat(off.code()).as(off.err()).isZero();
        assertThat(home.resolve(".codeium/windsurf/skills/alpha")).doesNotExist();
        assertThat(Files.readString(home.resolve(".claude/settings.json"))).contains("\"alpha\": \"off\"", "\"beta\": \"off\"");

        CliRunner.Result undo = cli.run("scene", "--undo");
        assertThat(undo.code()).as(undo.err()).isZero();
        assertThat(undo.out()).contains("undone: Switched off 2 skills of focus");
        assertThat(tree(home)).isEqualTo(before);
        assertThat(cli.run("scene", "--undo").code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : new ArrayList<>(all.toList())) {
                String k = root.relativize(p).toString();
                out.put(k, Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : new String(Files.readAllBytes(p)));
            }
        }
        return out;
    }
}
