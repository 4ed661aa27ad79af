package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.TestSkills;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** install, status, sync and import-history from the command line. */
class InstallSyncHistoryCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir.resolve("lib"));
        Path src = dir.resolve("src");
        TestSkills.writeSkill(src, "csv-cleaner", "Clean CSV files.", "## Core Instructions\nStrip blanks.");
        assertThat(cli.run("import", src.toString(), "--no-index").code()).isZero();
    }

    @Test
    void installStatusAndSyncBothWays() throws Exception {
        Path project = dir.resolve("project");
        CliRunner.Result install = cli.run("install", "csv-cleaner", "--claude-project", project.toString());
        assertThat(install.code()).as(install.err()).isZero();
        Path copy = project.resolve(".claude/skills/csv-cleaner");
        assertThat(install.out()).contains("installed default/csv-cleaner v1 -> " + copy.toAbsolutePath());
        assertThat(cli.run("status").out()).contains("in-sync", "default/csv-cleaner v1");
        assertThat(cli.run("status").code()).isZero();

        Path md = copy.resolve("SKILL.md");
        Files.writeString(md, Files.readString(md).replace("Strip blanks.", "Strip blanks and dupes."));
        CliRunner.Result drift = cli.run("status");
        assertThat(drift.code()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(drift.out()).contains("edited-on-disk", "skilldesk sync default/csv-cleaner --import-edits");
        JsonNode rows = JSON.readTree(cli.run("status", "--json").out());
        assertThat(rows.get(0).get("state").asText()).isEqualTo("edited-on-disk");
        assertThat(rows.get(0).get("folder").asText()).isEqualTo(copy.toAbsolutePath().toString());

        CliRunner.Result imported = cli.run("sync", "csv-cleaner", "--import-edits");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("as default/csv-cleaner v2");
        assertThat(cli.run("show", "csv-cleaner").out()).contains("dupes");
        assertThat(cli.run("status").out()).contains("in-sync", "v2");

        assertThat(cli.run("activate-version", "csv-cleaner", "1").code()).isZero();
        assertThat(cli.run("status").out()).contains("library-newer", "--update-copy");
        CliRunner.Result updated = cli.run("sync", "csv-cleaner", "--update-copy");
        assertThat(updated.out()).contains("updated " + copy.toAbsolutePath() + " to default/csv-cleaner v1");
        assertThat(Files.readString(md)).doesNotContain("dupes");

        assertThat(cli.run("sync", "csv-cleaner", "--forget").out()).contains("forgot");
        assertThat(cli.run("status").out()).contains("no installed copies");
        assertThat(cli.run("sync", "csv-cleaner", "--update-copy").code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void installNeedsExactlyOneTargetAndNeverOverwritesAForeignFolder() throws Exception {
        assertThat(cli.run("install", "csv-cleaner").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("install", "csv-cleaner", "--to", "a", "--agents").code()).isEqualTo(ExitCodes.USAGE);
        Path to = dir.resolve("to");
        Files.createDirectories(to.resolve("csv-cleaner"));
        Files.writeString(to.resolve("csv-cleaner/notes.txt"), "mine");
        CliRunner.Result r = cli.run("install", "csv-cleaner", "--to", to.toString());
        assertThat(r.code()).as("refused for that folder, named, and the rest goes on").isEqualTo(ExitCodes.PROBLEMS);
        assertThat(r.err()).contains("was not installed by SkillDesk");
        assertThat(cli.run("install", "nope", "--to", to.toString()).code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void importHistoryTwiceAddsNothingTheSecondTime() throws Exception {
        Path claude = fixtures();
        CliRunner.Result first = cli.run("import-history", "--claude-dir", claude.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("read 4 transcripts: 7 Skill calls, 4 recorded now, 0 recorded before",
                "not in the library", "ghost-skill (1)", "brainstorming (1)", "pdf-tools (1)");
        assertThat(first.err()).contains("not a JSON line");

        JsonNode second = JSON.readTree(cli.run("import-history", "--claude-dir", claude.toString(), "--json").out());
        assertThat(second.get("added").asInt()).isZero();
        assertThat(second.get("already").asInt()).isEqualTo(4);

        JsonNode stats = JSON.readTree(cli.run("stats", "--from", "2025-01-01", "--json").out());
        assertThat(stats.get("activations").asInt()).isEqualTo(4);
        assertThat(stats.get("successes").asInt()).isEqualTo(3);
    }

    /** The fixture folder laid out as ~/.claude: it holds projects/. */
    private static Path fixtures() throws URISyntaxException {
        return Path.of(InstallSyncHistoryCliTest.class.getResource("/claude-code/projects").toURI()).getParent();
    }
}
