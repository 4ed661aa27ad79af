package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.mcp.SkillTools;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code $HOME} (and the agents' own overrides) decides where every entry point looks, never the account's
 * home; and an activation nobody reported on is unknown, not a success, in stats, migrated rows included.
 */
class HomeAndOutcomesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRunner homeCli(Path home) {
        CliRunner cli = new CliRunner(home.resolve("unused"));
        cli.env.remove("SKILLDESK_DATA_DIR");
        cli.env.put("HOME", home.toString());
        return cli;
    }

    @Test
    void theDefaultLibraryAndTheAgentFoldersFollowHome() throws Exception {
        Path home = dir.resolve("someone-else");
        CliRunner cli = homeCli(home);
        Path src = TestSkills.writeSkill(dir.resolve("src"), "csv-cleaner", "Clean CSV files.", "b");
        assertThat(cli.run("import", src.toString(), "--no-index").code()).isZero();
        assertThat(home.resolve(".skilldesk/" + Database.FILE_NAME)).exists();
        assertThat(Path.of(System.getProperty("user.home"), ".skilldesk", "unused")).doesNotExist();

        CliRunner.Result claude = cli.run("install", "csv-cleaner", "--claude");
        assertThat(claude.code()).as(claude.err()).isZero();
        assertThat(home.resolve(".claude/skills/csv-cleaner/SKILL.md")).exists();
        assertThat(cli.run("install", "csv-cleaner", "--agents").code()).isZero();
        assertThat(home.resolve(".agents/skills/csv-cleaner/SKILL.md")).exists();

        // Claude Code's own override wins for its folders
        Path claudeDir = dir.resolve("claude-config");
        cli.env.put("CLAUDE_CONFIG_DIR", claudeDir.toString());
        assertThat(cli.run("install", "csv-cleaner", "--claude").code()).isZero();
        assertThat(claudeDir.resolve("skills/csv-cleaner/SKILL.md")).exists();
        CliRunner.Result history = cli.run("import-history");
        assertThat(history.err()).contains(claudeDir.resolve("projects").toString());

        // import --agents reads $HOME's folders, $CLAUDE_CONFIG_DIR's and $CODEX_HOME's
        Path codex = dir.resolve("codex-home");
        cli.env.put("CODEX_HOME", codex.toString());
        TestSkills.writeSkill(codex.resolve("skills"), "codex-only", "Only in Codex's folder.", "b");
        TestSkills.writeSkill(home.resolve(".agents/skills"), "agents-only", "Only in the shared folder.", "b");
        CliRunner.Result agents = cli.run("import", "--agents", "--no-index");
        assertThat(agents.out()).contains("codex-only", "agents-only");
    }

    @Test
    void anUnreportedActivationIsUnknownInStats() throws Exception {
        Path lib = dir.resolve("lib");
        CliRunner cli = new CliRunner(lib);
        Path src = TestSkills.writeSkill(dir.resolve("src"), "csv-cleaner", "Clean CSV files.", "## Core Instructions\nx");
        assertThat(cli.run("import", src.toString(), "--no-index").code()).isZero();
        Principal author = new Principal("author", "default");
        try (SkillDeskCore core = SkillDeskCore.open(lib, author, Map.of())) {
            SkillTools tools = SkillTools.of(core, author);
            assertThat(tools.call("get_skill", Map.of("name", "csv-cleaner", "layer", 2)).isError()).isFalse();
            String reported = (String) tools.call("get_skill", Map.of("name", "csv-cleaner", "layer", 3)).body()
                    .get("activation_id");
            assertThat(tools.call("record_outcome", Map.of("activation_id", reported, "success", false)).isError()).isFalse();
        }
        assertThat(cli.run("log-activation", "csv-cleaner").code()).isZero(); // a success unless --failed

        JsonNode s = JSON.readTree(cli.run("stats", "--json").out());
        assertThat(s.get("activations").asInt()).isEqualTo(3);
        assertThat(s.get("successes").asInt()).isEqualTo(1);
        assertThat(s.get("failures").asInt()).isEqualTo(1);
        assertThat(s.get("unknown").asInt()).isEqualTo(1);
        JsonNode top = s.get("topSkills").get(0);
        assertThat(top.get("unknown").asInt()).isEqualTo(1);
        assertThat(cli.run("stats").out()).contains("50.0% ok of 2 reported, 1 unknown");
    }
}
