package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.search.EmbeddingText;
import dev.skilldesk.search.OnnxEmbedder;
import dev.skilldesk.search.SearchMode;
import dev.skilldesk.search.SearchQuality;
import dev.skilldesk.skill.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "quality", description = "Search quality on a labelled query set: recall@1, recall@5 and MRR per mode, in a scratch library.")
final class QualityCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--corpus", defaultValue = "../shared/corpus", description = "Skills to search (default ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--queries", defaultValue = "data/queries/corpus-queries.tsv",
            description = "expected<TAB>kind<TAB>query lines (default ${DEFAULT-VALUE}).")
    Path queries;

    @Option(names = "--compare", description = "Also compare embedded models and what text is embedded.")
    boolean compare;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<SearchQuality.Query> qs = SearchQuality.read(queries);
        Map<String, Map<SearchMode, Map<String, SearchQuality.Score>>> runs = new LinkedHashMap<>();
        String defaultModel = "onnx:" + OnnxEmbedder.Model.MINILM_L6_V2_Q.id();
        runs.put(defaultModel + " / " + EmbeddingText.DEFAULT.name().toLowerCase(), run(defaultModel, EmbeddingText.DEFAULT, qs));
        if (compare) {
            for (OnnxEmbedder.Model m : OnnxEmbedder.Model.values()) {
                for (EmbeddingText t : EmbeddingText.values()) {
                    String key = "onnx:" + m.id() + " / " + t.name().toLowerCase();
                    if (!runs.containsKey(key)) {
                        runs.put(key, run("onnx:" + m.id(), t, qs));
                    }
                }
            }
        }
        if (json) {
            root.out.println(Json.write(runs));
        } else {
            root.out.println(qs.size() + " queries (" + qs.stream().filter(q -> q.kind().equals("paraphrase")).count()
                    + " paraphrased) over " + corpus);
            runs.forEach((name, scores) -> {
                root.out.println();
                root.out.println("### " + name);
                root.out.print(SearchQuality.table(scores));
            });
        }
        Map<SearchMode, Map<String, SearchQuality.Score>> first = runs.values().iterator().next();
        double hybrid = first.get(SearchMode.HYBRID).get("all").mrr();
        boolean hybridWins = hybrid > first.get(SearchMode.KEYWORD).get("all").mrr()
                && hybrid > first.get(SearchMode.SEMANTIC).get("all").mrr();
        if (!json) {
            root.out.println();
            root.out.println(hybridWins ? "hybrid beats keyword-only and semantic-only on MRR"
                    : "hybrid does NOT beat both single modes on MRR");
        }
        return hybridWins ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private Map<SearchMode, Map<String, SearchQuality.Score>> run(String model, EmbeddingText text,
                                                                   List<SearchQuality.Query> qs) throws Exception {
        Path scratch = Files.createTempDirectory("skilldesk-quality-");
        Map<String, String> env = new HashMap<>(root.env);
        env.put("SKILLDESK_EMBEDDER", model);
        env.put("SKILLDESK_EMBEDDING_TEXT", text.name());
        env.remove("SKILLDESK_VECTOR_BACKEND");
        Principal me = new Principal("quality", "default");
        try (SkillDeskCore core = SkillDeskCore.open(scratch, me, env)) {
            ImportReport report = core.importer().importPath(me, corpus, ImportOptions.defaults());
            root.err.println(model + " / " + text + ": " + report.summary());
            SearchCommand.waitForIndex(core.search(), root, false);
            return SearchQuality.evaluate(core.search().service(), me, qs);
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        dev.skilldesk.library.FileTrees.delete(p);
    }
}
