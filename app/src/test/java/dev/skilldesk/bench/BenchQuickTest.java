package dev.skilldesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.cli.SkillDeskCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code skilldesk bench --quick --no-chroma}, as CI runs it: every row is in the table and the JSON, and no
 * activation row is lost. No timing thresholds here (the goals are judged in the report, not the build);
 * Chroma is covered by the integration test.
 */
class BenchQuickTest {
    static final List<String> KEYS = List.of("import.bulk", "library.versions", "library.embed", "activation.enqueue",
            "activation.sustained", "activation.lost", "memory.heap", "memory.rss", "memory.disk", "get.exact",
            "get.layer1", "get.layer2", "get.layer3", "list.persona", "vector.exact", "vector.graph",
            "vector.graph.build", "vector.chroma", "vector.chroma.load", "search.hybrid.miss", "search.hybrid.hit",
            "search.semantic.miss", "search.semantic.hit", "search.keyword.miss", "search.keyword.hit",
            "concurrent.100", "concurrent.1000", "create.save", "create.searchable");

    @TempDir
    Path dir;

    @Test
    void quickModeReportsEveryFlowAndLosesNoActivation() throws Exception {
        Path md = dir.resolve("bench.md");
        Path json = dir.resolve("bench.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>();
        env.put("SKILLDESK_DATA_DIR", dir.resolve("untouched").toString());
        int code = SkillDeskCli.run(new String[] {"bench", "--quick", "--no-chroma", "--out", md.toString(),
                "--json", json.toString()}, env, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).as("exit code; stderr:\n" + err).isZero();
        String table = out.toString();
        assertThat(Files.readString(md)).isEqualTo(table);
        assertThat(table).contains("## 1,000 skills", "## Independent of the library size", "cores",
                "Command: `skilldesk bench --quick --no-chroma", "skipped: --no-chroma");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("machine").get("java").asText()).isNotBlank();
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode r : doc.get("rows")) {
            if (r.get("size").asInt() == 1_000) {
                rows.put(r.get("key").asText(), r);
            }
        }
        assertThat(rows.keySet()).containsAll(KEYS);
        for (String key : KEYS) {
            JsonNode r = rows.get(key);
            assertThat(table).as("the table has the row " + key).contains("| " + r.get("label").asText() + " |");
            if (!key.startsWith("vector.chroma")) {
                assertThat(r.get("note").isNull() || !r.get("note").asText().startsWith("skipped"))
                        .as(key + " ran: " + r.get("note")).isTrue();
                boolean hasFigure = !r.get("p95Ms").isNull() || !r.get("value").isNull();
                assertThat(hasFigure).as(key + " has a figure").isTrue();
            }
        }
        assertThat(rows.get("activation.lost").get("value").asDouble()).as("activation rows lost").isZero();
        assertThat(rows.get("create.searchable").get("samples").asInt()).as("new skills that became searchable")
                .isEqualTo(30);
        assertThat(doc.get("rows").findValuesAsText("key")).contains("model.embeddings", "model.query");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the user's library is not touched")
                    .doesNotContain("untouched");
        }
    }
}
