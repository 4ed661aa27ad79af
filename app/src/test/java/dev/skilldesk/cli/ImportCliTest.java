package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.TestSkills;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code import --map-top-folder}, {@code --dry-run [--json]}, {@code --tag} and {@code --note}, and the note in {@code versions}. */
class ImportCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aDryRunPreviewsPerFolderThenTheImportMapsFoldersAndKeepsTheNote() throws Exception {
        Path tree = dir.resolve("tree");
        TestSkills.writeSkill(tree.resolve("Team Tools"), "csv-cleaner", "Clean CSV files.", "b");
        TestSkills.writeSkill(tree.resolve("ops"), "log-reader", "Read logs.", "b");
        CliRunner cli = new CliRunner(dir.resolve("lib"));

        CliRunner.Result dry = cli.run("import", tree.toString(), "--map-top-folder", "namespace", "--dry-run", "--json");
        assertThat(dry.code()).as(dry.err()).isZero();
        JsonNode doc = JSON.readTree(dry.out());
        assertThat(doc.get("dryRun").asBoolean()).isTrue();
        assertThat(doc.get("created").asInt()).isEqualTo(2);
        assertThat(doc.get("folders")).hasSize(2);
        assertThat(doc.get("folders").get(0).get("folder").asText()).isEqualTo("ops");
        assertThat(doc.get("folders").get(1).get("namespace").asText()).isEqualTo("team-tools");
        assertThat(dir.resolve("lib")).as("a dry run makes no library").doesNotExist();

        CliRunner.Result text = cli.run("import", tree.toString(), "--map-top-folder", "namespace", "--dry-run");
        assertThat(text.out()).contains("Team Tools/", "team-tools", "new       team-tools/csv-cleaner",
                "preview (nothing written): 2 new");

        CliRunner.Result real = cli.run("import", tree.toString(), "--map-top-folder", "namespace", "--tag", "imported",
                "--note", "from the team tree", "--no-index");
        assertThat(real.code()).as(real.err()).isZero();
        CliRunner.Result versions = cli.run("versions", "team-tools/csv-cleaner");
        assertThat(versions.out()).contains("NOTE").contains("from the team tree");
        assertThat(JSON.readTree(cli.run("versions", "team-tools/csv-cleaner", "--json").out()).get(0).get("note").asText())
                .isEqualTo("from the team tree");
        assertThat(cli.run("show", "team-tools/csv-cleaner", "--layer", "3").out()).contains("imported");

        CliRunner.Result again = cli.run("import", tree.toString(), "--map-top-folder", "namespace", "--tag", "imported",
                "--dry-run");
        assertThat(again.out()).contains("0 new, 0 changed, 2 unchanged");
    }

    @Test
    void badMappingsAndNamespacesAreUsageErrors() {
        CliRunner cli = new CliRunner(dir.resolve("lib"));
        CliRunner.Result r = cli.run("import", dir.toString(), "--map-top-folder", "colour", "--dry-run");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("namespace, persona or none");
        CliRunner.Result ns = cli.run("import", dir.toString(), "-n", "Bad Name", "--dry-run");
        assertThat(ns.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ns.err()).contains("namespace.format");
    }
}
