package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.TestSkills;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger lab from the command line, with the real embedded model on two skills plus the starter ones. */
class TriggersCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void editRunAndExitCodes() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("lib"));
        Path src = dir.resolve("src");
        TestSkills.writeSkill(src, "csv-cleaner", "Clean messy CSV spreadsheets and fix broken dates.", "Steps.");
        TestSkills.writeSkill(src, "poster-maker", "Design academic conference posters in LaTeX.", "Steps.");
        assertThat(cli.run("import", src.toString()).code()).isZero();

        assertThat(cli.run("triggers").out()).contains("none of your skills has triggers yet");
        CliRunner.Result added = cli.run("triggers", "csv-cleaner", "--add", "tidy up a spreadsheet",
                "--avoid", "write a better description so agents pick my skill");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("trigger #1 on default/csv-cleaner: find \"tidy up a spreadsheet\"",
                "trigger #2 on default/csv-cleaner: avoid");

        CliRunner.Result pass = cli.run("triggers", "csv-cleaner");
        assertThat(pass.code()).as(pass.out() + pass.err()).isEqualTo(ExitCodes.OK);
        assertThat(pass.out()).contains("default/csv-cleaner: 2 of 2 passed (top 3)", "PASS").doesNotContain("FAIL");

        // csv-cleaner is the obvious first answer, so at K = 1 this find must fail, beaten by it
        JsonNode edit = JSON.readTree(cli.run("triggers", "poster-maker", "--add", "clean messy csv spreadsheets",
                "--json").out());
        long failing = edit.get("added").get(0).get("id").asLong();
        CliRunner.Result fail = cli.run("triggers", "--top", "1");
        assertThat(fail.code()).as(fail.out() + fail.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(fail.out()).contains("default/poster-maker: 0 of 1 passed (top 1)", "FAIL",
                "2 passed, 1 failed over 2 skills");
        assertThat(fail.out().lines().filter(l -> l.contains("#" + failing + " ")).findFirst().orElseThrow())
                .contains("FAIL", "find", "default/csv-cleaner");

        CliRunner.Result json = cli.run("triggers", "--top", "1", "--json");
        assertThat(json.code()).isEqualTo(ExitCodes.PROBLEMS);
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.get("failed").asInt()).isEqualTo(1);
        JsonNode poster = doc.get("skills").get(1);
        assertThat(poster.get("name").asText()).isEqualTo("poster-maker");
        JsonNode result = poster.get("results").get(0);
        assertThat(result.get("passed").asBoolean()).isFalse();
        assertThat(result.get("rank").asInt()).isGreaterThan(1);
        assertThat(result.get("beatenBy").get(0).asText()).isEqualTo("default/csv-cleaner");

        CliRunner.Result removed = cli.run("triggers", "poster-maker", "--remove", Long.toString(failing));
        assertThat(removed.out()).contains("removed trigger #" + failing + " from default/poster-maker");
        JsonNode after = JSON.readTree(cli.run("triggers", "--top", "1", "--json").out());
        assertThat(after.get("failed").asInt()).isZero();
        assertThat(after.get("skills")).hasSize(1);

        assertThat(cli.run("triggers", "no-such-skill").code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("triggers", "csv-cleaner", "--remove", "99").code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("triggers", "--add", "x").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("triggers", "csv-cleaner", "--add", "  ").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("triggers", "csv-cleaner", "--top", "0").code()).isEqualTo(ExitCodes.USAGE);
        // a public starter skill is visible to another agent but not theirs to test
        assertThat(cli.run("--agent", "intruder", "triggers", "skilldesk-cli", "--add", "x").code())
                .isEqualTo(ExitCodes.DENIED);
        assertThat(cli.run("--agent", "intruder", "triggers", "csv-cleaner").code()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
