package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.library.AgentTargets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code install --agent} into every agent of the table, globally and in a project, under a temporary home:
 * each lands where that agent reads; agents sharing a project folder share one copy; status and sync cover every
 * target; {@code --link} links each agent's folder to one kept copy, and where links are refused, copies and says
 * so.
 */
class AgentInstallCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    CliRunner cli;
    Path home;

    @BeforeEach
    void library() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        cli = new CliRunner(dir.resolve("lib"));
        cli.env.put("HOME", home.toString());
        Path skill = dir.resolve("in/csv-clean");
        Files.createDirectories(skill);
        Files.writeString(skill.resolve("SKILL.md"), "---\nname: csv-clean\ndescription: Clean CSV files before analysis.\n"
                + "---\n# CSV\nStrip blanks.\n");
        assertThat(cli.run("import", skill.toString()).code()).isZero();
        Files.createDirectories(home.resolve(".cursor")); // Cursor looks installed; the others do not
    }

    @AfterEach
    void links() {
        System.clearProperty("skilldesk.links.refuse");
    }

    @Test
    void theAgentsTableListsEveryAgentWithItsFolders() throws Exception {
        CliRunner.Result r = cli.run("agents", "--json");
        assertThat(r.code()).isZero();
        JsonNode all = JSON.readTree(r.out());
        List<String> ids = new ArrayList<>();
        all.forEach(a -> ids.add(a.get("id").asText()));
        assertThat(ids).contains("claude-code", "codex", "cursor", "gemini-cli", "github-copilot", "opencode", "windsurf",
                "goose", "cline", "roo", "kiro-cli", "amp", "junie", "continue");
        for (JsonNode a : all) {
            assertThat(a.fieldNames()).toIterable().contains("id", "name", "installed", "global", "project");
            assertThat(Path.of(a.get("project").asText()).isAbsolute()).as(a.get("id") + " project folder is relative").isFalse();
        }
        JsonNode cursor = find(all, "cursor");
        assertThat(cursor.get("installed").asBoolean()).isTrue();
        assertThat(cursor.get("global").asText()).isEqualTo(home.resolve(".cursor/skills").toString());
        assertThat(find(all, "claude-code").get("installed").asBoolean()).isFalse();
        cli.env.put("CLAUDE_CONFIG_DIR", dir.resolve("claude-cfg").toString());
        cli.env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        JsonNode moved = JSON.readTree(cli.run("agents", "--json").out());
        assertThat(find(moved, "claude-code").get("global").asText()).isEqualTo(dir.resolve("claude-cfg/skills").toString());
        assertThat(find(moved, "opencode").get("global").asText()).isEqualTo(dir.resolve("xdg/opencode/skills").toString());
        assertThat(find(moved, "amp").get("install").asText()).isEqualTo(home.resolve(".agents/skills").toString());
        assertThat(find(all, "kimi-code-cli").get("global").asText()).isEqualTo(home.resolve(".agents/skills").toString());
        // Goose as its docs say, not as the skills CLI's table has it
        assertThat(find(moved, "goose").get("global").asText()).isEqualTo(home.resolve(".agents/skills").toString());
        assertThat(find(moved, "goose").get("project").asText()).isEqualTo(".agents/skills");
    }

    @Test
    void everyAgentGlobalAndInAProjectWithSharedFoldersOnceAndStatusAcrossThemAll() throws Exception {
        List<String> args = new ArrayList<>(List.of("install", "csv-clean", "--json"));
        for (AgentTargets.Agent a : AgentTargets.all()) {
            if (a.installDir(cli.env) != null) {
                args.add("--agent");
                args.add(a.id());
            }
        }
        CliRunner.Result global = cli.run(args.toArray(String[]::new));
        assertThat(global.code()).as(global.err()).isZero();
        for (AgentTargets.Agent a : AgentTargets.all()) {
            if (a.installDir(cli.env) != null) {
                assertThat(a.installDir(cli.env).resolve("csv-clean/SKILL.md")).as(a.id()).isRegularFile();
            }
        }
        // an agent that reads skills only in a project is refused for a global install, by name
        CliRunner.Result eve = cli.run("install", "csv-clean", "--agent", "eve");
        assertThat(eve.code()).isNotZero();
        assertThat(eve.err()).contains("Eve", "--project");
        List<String> everyAgent = new ArrayList<>(List.of("install", "csv-clean", "--json"));
        for (AgentTargets.Agent a : AgentTargets.all()) {
            everyAgent.add("--agent");
            everyAgent.add(a.id());
        }
        args = everyAgent;
        Path project = Files.createDirectories(dir.resolve("project"));
        List<String> inProject = new ArrayList<>(args);
        inProject.addAll(List.of("--project", project.toString()));
        CliRunner.Result local = cli.run(inProject.toArray(String[]::new));
        assertThat(local.code()).as(local.err()).isZero();
        JsonNode placed = JSON.readTree(local.out());
        Set<String> folders = new HashSet<>();
        JsonNode shared = null;
        for (JsonNode p : placed) {
            assertThat(folders.add(p.get("folder").asText())).as("one copy per folder").isTrue();
            if (p.get("folder").asText().equals(project.resolve(".agents/skills/csv-clean").toString())) {
                shared = p;
            }
        }
        for (AgentTargets.Agent a : AgentTargets.all()) {
            assertThat(a.projectDir(project).resolve("csv-clean/SKILL.md")).as(a.id()).isRegularFile();
        }
        assertThat(shared).isNotNull();
        assertThat(shared.get("agents").toString()).contains("codex", "gemini-cli", "github-copilot", "opencode", "amp");

        CliRunner.Result status = cli.run("status", "--json");
        assertThat(status.code()).isZero();
        JsonNode st = JSON.readTree(status.out());
        assertThat(st.size()).isEqualTo(folders.size() + distinctGlobalFolders());
        st.forEach(s -> assertThat(s.get("state").asText()).as(s.toString()).isEqualTo("in-sync"));

        // one copy edited: that one is edited-on-disk; --update-copy --force puts every copy back
        Path cursorCopy = project.resolve(".claude/skills/csv-clean/SKILL.md");
        Files.writeString(cursorCopy, Files.readString(cursorCopy) + "\nMine.\n");
        assertThat(cli.run("status").out()).contains("edited-on-disk");
        assertThat(cli.run("sync", "csv-clean", "--update-copy", "--force").code()).isZero();
        JSON.readTree(cli.run("status", "--json").out()).forEach(s -> assertThat(s.get("state").asText()).isEqualTo("in-sync"));
    }

    @Test
    void linksShareOneCopyAndARefusedLinkIsACopyWithAMessage() throws Exception {
        CliRunner.Result r = cli.run("install", "csv-clean", "--agent", "claude-code", "--agent", "cursor", "--link", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Path claude = home.resolve(".claude/skills/csv-clean");
        Path cursor = home.resolve(".agents/skills/csv-clean"); // a global install for Cursor goes where skills 1.7.4 puts it
        assertThat(Files.isSymbolicLink(claude)).isTrue();
        assertThat(Files.isSymbolicLink(cursor)).isTrue();
        assertThat(claude.toRealPath()).isEqualTo(cursor.toRealPath());
        assertThat(claude.toRealPath().startsWith(dir.resolve("lib").toRealPath())).as("the copy is SkillDesk's").isTrue();
        JSON.readTree(r.out()).forEach(p -> assertThat(p.get("mode").asText()).isEqualTo("link"));
        JSON.readTree(cli.run("status", "--json").out()).forEach(s -> assertThat(s.get("state").asText()).isEqualTo("in-sync"));

        System.setProperty("skilldesk.links.refuse", "true");
        CliRunner.Result copied = cli.run("install", "csv-clean", "--agent", "windsurf", "--link");
        assertThat(copied.code()).isZero();
        assertThat(copied.out()).contains("refused a link", "copied instead");
        Path windsurf = home.resolve(".codeium/windsurf/skills/csv-clean");
        assertThat(Files.isSymbolicLink(windsurf)).isFalse();
        assertThat(windsurf.resolve("SKILL.md")).isRegularFile();
    }

    @Test
    void anUnknownAgentIsRefusedWithTheIdsThereAre() {
        CliRunner.Result r = cli.run("install", "csv-clean", "--agent", "no-such-agent");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no agent 'no-such-agent'", "claude-code", "cursor");
    }

    private int distinctGlobalFolders() {
        Set<Path> f = new HashSet<>();
        for (AgentTargets.Agent a : AgentTargets.all()) {
            if (a.installDir(cli.env) != null) {
                f.add(a.installDir(cli.env));
            }
        }
        return f.size();
    }

    private static JsonNode find(JsonNode all, String id) {
        for (JsonNode a : all) {
            if (a.get("id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no " + id);
    }

    @SuppressWarnings("unused")
    private static Map<String, String> none() {
        return Map.of();
    }
}
