package dev.skilldesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.TestSkills;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** search, index-status and reindex from the command line, with the real embedded model. */
class SearchCliTest {
    @TempDir
    Path dir;

    @Test
    void searchAnswersInAllThreeModesWithTheBreakdown() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("lib"));
        Path src = dir.resolve("src");
        TestSkills.writeSkill(src, "csv-cleaner", "Clean messy CSV spreadsheets and fix broken dates.", "Steps.");
        TestSkills.writeSkill(src, "poster-maker", "Design academic conference posters in LaTeX.", "Steps.");
        CliRunner.Result imp = cli.run("import", src.toString());
        assertThat(imp.code()).isZero();
        assertThat(imp.err()).contains("indexing: 7/7 embedded"); // 2 + the 5 starter skills

        for (String mode : new String[] {"hybrid", "semantic", "keyword"}) {
            CliRunner.Result r = cli.run("search", "tidy up a spreadsheet", "--mode", mode);
            assertThat(r.code()).as(r.err()).isZero();
            if (!mode.equals("keyword")) {
                assertThat(r.out()).contains(" 1. default/csv-cleaner");
            }
            if (mode.equals("keyword")) {
                assertThat(r.out()).contains("total ", " ms = keyword", "fusion", "fetch", "access").doesNotContain("embed");
            } else {
                assertThat(r.out()).contains("total ", " ms = embed ", "vector", "keyword", "fusion", "fetch", "access");
            }
        }
        JsonNode json = new ObjectMapper().readTree(cli.run("search", "conference poster", "--json").out());
        assertThat(json.get("hits").get(0).get("name").asText()).isEqualTo("poster-maker");
        assertThat(json.get("hits").get(0).get("foundBy").toString()).contains("semantic", "keyword");
        assertThat(json.get("timings").get("totalMs").asDouble()).isPositive();

        Path batch = dir.resolve("queries.txt");
        Files.writeString(batch, "conference poster\n\nclean csv\nfix dates in a spreadsheet\n");
        CliRunner.Result b = cli.run("search", "--batch", batch.toString(), "--json");
        String[] lines = b.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(new ObjectMapper().readTree(line).get("hits").size()).isPositive();
        }

        CliRunner.Result status = cli.run("index-status", "--json");
        assertThat(new ObjectMapper().readTree(status.out()).get("pending").asInt()).isZero();
        assertThat(cli.run("index-status").out()).contains("7 of 7 skills embedded");
        assertThat(cli.run("reindex").out()).contains("reindexed: 7 of 7");
        assertThat(cli.run("search", "x", "--mode", "sideways").code()).isEqualTo(ExitCodes.USAGE);
    }
}
