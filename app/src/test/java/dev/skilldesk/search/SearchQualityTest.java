package dev.skilldesk.search;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestCorpus;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real ONNX model over the real corpus and the labelled query set: hybrid must win. */
class SearchQualityTest {
    @TempDir
    Path dir;

    @Test
    void hybridBeatsKeywordOnlyAndSemanticOnly() throws Exception {
        Path corpus = TestCorpus.root();
        List<SearchQuality.Query> queries = SearchQuality.read(Path.of("data/queries/corpus-queries.tsv"));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(100);
        assertThat(queries.stream().filter(q -> q.kind().equals("paraphrase")).count())
                .isGreaterThanOrEqualTo(queries.size() / 5);
        Principal me = new Principal("quality", "default");
        try (SkillDeskCore core = SkillDeskCore.open(dir, me, Map.of())) {
            core.importer().importPath(me, corpus, ImportOptions.defaults());
            IndexStatus s = core.search().indexer().awaitIdle(5, TimeUnit.MINUTES);
            assertThat(s.indexed()).as("every corpus skill searchable").isEqualTo(155);
            Map<SearchMode, Map<String, SearchQuality.Score>> scores =
                    SearchQuality.evaluate(core.search().service(), me, queries);
            System.out.println(SearchQuality.table(scores));
            double hybrid = scores.get(SearchMode.HYBRID).get("all").mrr();
            assertThat(hybrid).isGreaterThan(scores.get(SearchMode.KEYWORD).get("all").mrr());
            assertThat(hybrid).isGreaterThan(scores.get(SearchMode.SEMANTIC).get("all").mrr());
            assertThat(scores.get(SearchMode.HYBRID).get("all").recallAt5()).isGreaterThan(0.85);
        }
    }
}
