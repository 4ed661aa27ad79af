package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.TestSkills;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Each command on a small library: outputs, --json, and exit codes that mean something. */
class CliCommandsTest {
    @TempDir
    Path dir;
    CliRunner cli;
    Path skills;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir.resolve("lib"));
        skills = dir.resolve("src");
        TestSkills.writeSkill(skills, "csv-cleaner", "Clean CSV files.", "## Core Instructions\nStrip blanks.");
        assertThat(cli.run("import", skills.toString()).code()).isZero();
    }

    @Test
    void versionsDiffRollbackAndUndo() throws Exception {
        TestSkills.writeSkill(skills, "csv-cleaner", "Clean CSV files.", "## Core Instructions\nStrip blanks and dupes.");
        CliRunner.Result imp = cli.run("import", skills.toString());
        assertThat(imp.out()).contains("updated   csv-cleaner v2");
        assertThat(cli.run("import", skills.toString()).out()).contains("unchanged");

        CliRunner.Result versions = cli.run("versions", "csv-cleaner", "--json");
        JsonNode v = new ObjectMapper().readTree(versions.out());
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.get(1).get("active").asBoolean()).isTrue();

        assertThat(cli.run("diff", "csv-cleaner", "1", "2").out()).contains("-Strip blanks.", "+Strip blanks and dupes.");
        CliRunner.Result rollback = cli.run("activate-version", "default/csv-cleaner", "1");
        assertThat(rollback.out()).contains("active version 2 -> 1", "undo");
        assertThat(cli.run("show", "csv-cleaner").out()).contains("Strip blanks.").doesNotContain("dupes");
        assertThat(cli.run("versions", "csv-cleaner").out()).contains("* 1");
    }

    @Test
    void showPrintsEachLayerWithItsTokenEstimate() throws Exception {
        CliRunner.Result l1 = cli.run("show", "csv-cleaner", "--layer", "1");
        assertThat(l1.out()).contains("name: csv-cleaner", "description: Clean CSV files.");
        assertThat(l1.err()).contains("layer 1", "tokens (estimate)");
        JsonNode l3 = new ObjectMapper().readTree(cli.run("show", "csv-cleaner", "--layer", "3", "--json").out());
        assertThat(l3.get("tokens").asInt()).isPositive();
        assertThat(l3.get("layer").asText()).isEqualTo("FULL");
    }

    @Test
    void exportWritesFoldersAndPackages() {
        Path out = dir.resolve("out");
        assertThat(cli.run("export", "csv-cleaner", "--to", out.toString()).code()).isZero();
        assertThat(out.resolve("csv-cleaner/SKILL.md")).exists();
        assertThat(cli.run("export", "csv-cleaner", "--to", out.toString(), "--package").code()).isZero();
        assertThat(out.resolve("csv-cleaner.skill")).exists();
        assertThat(cli.run("export", "csv-cleaner", "--to", out.toString()).code())
                .as("refuses to overwrite").isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void activationsShowUpInStats() throws Exception {
        assertThat(cli.run("log-activation", "csv-cleaner", "--layer", "2", "--agent", "author").code()).isZero();
        assertThat(cli.run("log-activation", "csv-cleaner", "--layer", "3", "--failed", "--error", "x").code()).isZero();
        JsonNode s = new ObjectMapper().readTree(cli.run("stats", "--json").out());
        assertThat(s.get("activations").asInt()).isEqualTo(2);
        assertThat(s.get("successes").asInt()).isEqualTo(1);
        assertThat(s.get("failures").asInt()).isEqualTo(1);
        assertThat(s.get("unknown").asInt()).isZero();
        assertThat(s.get("topSkills").get(0).get("name").asText()).isEqualTo("csv-cleaner");
        assertThat(cli.run("stats").out()).contains("Activations", "50.0% ok of 2 reported");
    }

    @Test
    void exitCodes() {
        assertThat(cli.run("show", "nope").code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("show", "nope").err()).contains("no skill 'default/nope'");
        assertThat(cli.run("bogus-command").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("import", dir.resolve("missing").toString()).code()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(cli.run("access", "csv-cleaner", "galactic").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("--agent", "someone-else", "delete", "csv-cleaner").code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("access", "csv-cleaner", "team").code()).isZero();
        assertThat(cli.run("--agent", "someone-else", "delete", "csv-cleaner").code()).isEqualTo(ExitCodes.DENIED);
    }

    @Test
    void dataDirFlagBeatsTheEnvironment() {
        Path other = dir.resolve("other");
        assertThat(cli.run("--data-dir", other.toString(), "list").out()).doesNotContain("csv-cleaner");
        assertThat(Files.exists(other.resolve("skilldesk.db"))).isTrue();
        assertThat(cli.run("list").out()).contains("csv-cleaner");
    }

    @Test
    void deleteAndRestore() {
        assertThat(cli.run("delete", "csv-cleaner").out()).contains("undo: skilldesk restore");
        assertThat(cli.run("list").out()).doesNotContain("csv-cleaner");
        assertThat(cli.run("list", "--deleted").out()).contains("csv-cleaner (deleted)");
        cli.run("restore", "csv-cleaner");
        assertThat(cli.run("list").out()).contains("csv-cleaner");
    }

    @Test
    void versionComesFromTheBuild() {
        assertThat(cli.run("--version").out()).startsWith("skilldesk ").doesNotContain("${");
    }
}
