package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.TestCorpus;
import dev.skilldesk.parse.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The corpus through the command line, with its real defects pinned by rule id. */
class CorpusCliTest {
    @TempDir
    Path dir;

    @Test
    void theWholeCorpusIsImportedAndTheFourThatBreakTheRulesNeedFixes() throws Exception {
        Path corpus = TestCorpus.root();
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result r = cli.run("import", corpus.toString(), "--json");
        // every skill is stored; four break the library's rules, so the import exits 3 and names them
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PROBLEMS);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("created").asInt()).isEqualTo(155);
        assertThat(doc.get("refused").asInt()).isZero();
        assertThat(doc.get("needFixes").asInt()).isEqualTo(4);

        CliRunner.Result list = cli.run("list", "--json");
        JsonNode skills = new ObjectMapper().readTree(list.out());
        assertThat(skills.size()).isEqualTo(155 + 5); // plus the starter library
        java.util.List<String> invalid = new java.util.ArrayList<>();
        skills.forEach(s -> {
            if (!s.get("valid").asBoolean()) {
                invalid.add(s.get("name").asText());
            }
        });
        assertThat(invalid).containsExactlyInAnyOrder("claude-api", "database-lookup", "latex-posters", "treatment-plans");

        CliRunner.Result text = cli.run("import", corpus.resolve("anthropics-skills/claude-api").toString());
        assertThat(text.code()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(text.out()).contains("unchanged claude-api").contains("NEEDS FIXES (2 errors")
                .containsPattern("claude-api/SKILL\\.md:1: error \\[content\\.too-large\\]")
                .containsPattern("claude-api/SKILL\\.md:3: error \\[description\\.too-long\\]");
    }

    /**
     * The corpus's real defects under the strict Agent Skills profile. If the corpus or a rule changes,
     * these numbers change on purpose, with the reason in the commit.
     */
    @Test
    void strictValidationReportsTheCorpusDefectsUnderTheirRuleIds() throws Exception {
        Path corpus = TestCorpus.root();
        CliRunner.Result r = new CliRunner(dir).run("validate", corpus.toString(), "--profile", "agent-skills", "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.PROBLEMS);
        JsonNode counts = new ObjectMapper().readTree(r.out()).get("counts");
        assertThat(errors(counts, Rules.CONTENT_TOO_LARGE)).isEqualTo(3);      // claude-api, latex-posters, treatment-plans
        assertThat(errors(counts, Rules.DESCRIPTION_TOO_LONG)).isEqualTo(2);
        assertThat(errors(counts, Rules.FRONTMATTER_UNKNOWN_KEY)).isEqualTo(1); // a top-level 'author'
        assertThat(warnings(counts, Rules.BODY_TOO_LONG)).isEqualTo(44);
        assertThat(warnings(counts, Rules.BODY_TOO_MANY_TOKENS)).isEqualTo(27);
        // Every corpus skill's name equals its folder (geomaster's CRLF frontmatter included).
        assertThat(counts.has(Rules.NAME_FOLDER_MISMATCH)).isFalse();
        assertThat(counts.has(Rules.NAME_FORMAT)).isFalse();
    }

    /** The library's rules (validate's default, import's, the editor's, the MCP server's): the same four skills. */
    @Test
    void theLibrarysRulesFindTheSameErrorsAsImport() throws Exception {
        CliRunner.Result r = new CliRunner(dir).run("validate", TestCorpus.root().toString(), "--json");
        assertThat(r.code()).isEqualTo(ExitCodes.PROBLEMS);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("profile").asText()).isEqualTo("claude-code");
        assertThat(errors(doc.get("counts"), Rules.CONTENT_TOO_LARGE)).isEqualTo(3);
        assertThat(errors(doc.get("counts"), Rules.DESCRIPTION_TOO_LONG)).isEqualTo(2);
        assertThat(errors(doc.get("counts"), Rules.FRONTMATTER_UNKNOWN_KEY)).isZero(); // Claude Code's keys are fine
    }

    @Test
    void validationLinesPointIntoTheFile() {
        CliRunner.Result r = new CliRunner(dir).run("validate", TestCorpus.root().toString());
        assertThat(r.out()).containsPattern("SKILL\\.md:\\d+: error \\[description\\.too-long\\]");
    }

    private static int errors(JsonNode counts, String rule) {
        return counts.has(rule) ? counts.get(rule).get(0).asInt() : 0;
    }

    private static int warnings(JsonNode counts, String rule) {
        return counts.has(rule) ? counts.get(rule).get(1).asInt() : 0;
    }
}
