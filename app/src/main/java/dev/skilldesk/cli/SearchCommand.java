package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.search.IndexStatus;
import dev.skilldesk.search.Indexer;
import dev.skilldesk.search.SearchHit;
import dev.skilldesk.search.SearchMode;
import dev.skilldesk.search.SearchRequest;
import dev.skilldesk.search.SearchResponse;
import dev.skilldesk.search.SearchStack;
import dev.skilldesk.skill.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "search", description = "Search the library: hybrid (default), semantic or keyword, with the latency breakdown.")
final class SearchCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "QUERY", arity = "0..1", description = "What to look for, in words (a request an agent might get).")
    String query;

    @Option(names = "--mode", defaultValue = "hybrid", description = "hybrid, semantic or keyword (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--only-namespace", description = "Only skills of this namespace.")
    String onlyNamespace;

    @Option(names = "--persona", description = "Only this persona.")
    String persona;

    @Option(names = "--top-k", defaultValue = "10", description = "How many results (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--json", description = "JSON output (one line per query with --batch).")
    boolean json;

    @Option(names = "--batch", paramLabel = "FILE", description = "Run one query per line of FILE.")
    Path batch;

    @Option(names = "--no-wait", description = "Do not wait for pending embeddings before searching.")
    boolean noWait;

    private static final long MAX_BATCH_BYTES = 20L * 1024 * 1024;

    @Override
    public Integer call() throws Exception {
        if ((query == null) == (batch == null)) {
            root.err.println("skilldesk search: give a QUERY or --batch FILE");
            return ExitCodes.USAGE;
        }
        SearchMode m = SearchMode.parse(mode);
        Principal who = root.principal();
        if (m != SearchMode.KEYWORD) {
            root.preloadModel(); // it loads while the library and its indexes open
        }
        try (SkillDeskCore core = root.open()) {
            SearchStack search = core.search();
            waitForIndex(search, root, noWait);
            if (batch != null) {
                if (!Files.isRegularFile(batch) || Files.size(batch) > MAX_BATCH_BYTES) {
                    throw new java.io.IOException(batch + ": not a regular file of at most " + MAX_BATCH_BYTES
                            + " bytes (rule: files.too-large)");
                }
                for (String line : Files.readAllLines(batch, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    SearchResponse r = search.search(who, new SearchRequest(line.strip(), m, onlyNamespace, persona, topK));
                    if (json) {
                        root.out.println(Json.compact(toJson(r)));
                    } else {
                        print(r);
                    }
                }
                return ExitCodes.OK;
            }
            SearchResponse r = search.search(who, new SearchRequest(query, m, onlyNamespace, persona, topK));
            if (json) {
                root.out.println(Json.write(toJson(r)));
            } else {
                print(r);
            }
        }
        return ExitCodes.OK;
    }

    /** Waits for the index to load and, unless told not to, for pending embeddings (with progress on stderr). */
    static void waitForIndex(SearchStack search, SkillDeskCli root, boolean noWait) throws InterruptedException {
        int[] lastShown = {-1};
        IndexStatus s = search.indexer().awaitSettled(noWait ? Indexer.Settled.READY : Indexer.Settled.USABLE,
                java.time.Duration.ofMinutes(30), st -> {
                    if (st.pending() > 0 && st.indexed() != lastShown[0]) {
                        root.progress.printf("\rindexing: %d/%d embedded (%.0f/s)   ", st.indexed(), st.total(), st.ratePerSec());
                        root.err.flush();
                        lastShown[0] = st.indexed();
                    }
                });
        if (lastShown[0] >= 0) {
            root.progress.printf("\rindexing: %d/%d embedded              %n", s.indexed(), s.total());
        }
        if (s.pending() > 0) {
            root.err.println("note: " + s.pending() + " skills not embedded yet (" + s.message() + ")"
                    + (s.breaker() != null ? "; backends: " + s.breaker() : ""));
        }
    }

    private void print(SearchResponse r) {
        root.out.println("Search \"" + r.query() + "\" (" + r.mode().name().toLowerCase(Locale.ROOT) + "): "
                + r.hits().size() + " results");
        if (r.notice() != null) {
            root.out.println("  note: " + r.notice());
        }
        int i = 1;
        for (SearchHit h : r.hits()) {
            String found = String.join("+", h.foundBy().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
            root.out.printf(Locale.ROOT, "%2d. %-40s %3.0f%%  [%s]%n", i++, h.skill().ref(),
                    100 * h.relevance(), found);
            root.out.println("      " + h.snippet().replaceAll("\\s+", " "));
        }
        root.out.println("  " + r.timings().describe(r.queryCacheHit()));
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static Map<String, Object> toJson(SearchResponse r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("query", r.query());
        doc.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
        List<Map<String, Object>> hits = new ArrayList<>();
        int rank = 1;
        for (SearchHit h : r.hits()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", rank++);
            m.put("namespace", h.skill().namespace());
            m.put("name", h.skill().name());
            m.put("description", h.skill().description());
            m.put("relevance", round3(h.relevance()));
            m.put("score", h.score());
            m.put("similarity", h.similarity());
            m.put("foundBy", h.foundBy().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
            m.put("semanticRank", h.semanticRank());
            m.put("keywordRank", h.keywordRank());
            m.put("snippet", h.snippet());
            hits.add(m);
        }
        doc.put("hits", hits);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("totalMs", r.timings().totalNanos() / 1e6);
        t.put("embedMs", r.timings().embedNanos() / 1e6);
        t.put("queryCacheHit", r.queryCacheHit());
        t.put("vectorMs", r.timings().vectorNanos() / 1e6);
        t.put("keywordMs", r.timings().keywordNanos() / 1e6);
        t.put("fusionMs", r.timings().fusionNanos() / 1e6);
        t.put("fetchMs", r.timings().fetchNanos() / 1e6);
        t.put("accessMs", r.timings().accessNanos() / 1e6);
        doc.put("timings", t);
        doc.put("notice", r.notice());
        return doc;
    }


}
