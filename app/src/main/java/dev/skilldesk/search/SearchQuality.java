package dev.skilldesk.search;

import dev.skilldesk.skill.Principal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Search quality on a labelled query set: recall@1, recall@5 and mean reciprocal rank (over the top
 * 10) per mode, overall and per kind of query (direct, paraphrase).
 */
public final class SearchQuality {
    /** One labelled query. */
    public record Query(String expected, String kind, String text) {
    }

    /** Scores of one mode on one slice of the queries. */
    public record Score(int queries, double recallAt1, double recallAt5, double mrr) {
    }

    private SearchQuality() {
    }

    /** Reads {@code expected<TAB>kind<TAB>query} lines after a header. */
    public static List<Query> read(Path tsv) throws IOException {
        List<Query> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 3) {
                throw new IOException(tsv + ":" + (i + 1) + ": expected 3 tab-separated fields, found " + f.length);
            }
            out.add(new Query(f[0].strip(), f[1].strip().toLowerCase(Locale.ROOT), f[2].strip()));
        }
        return out;
    }

    /** mode → slice ("all", "direct", "paraphrase") → score. */
    public static Map<SearchMode, Map<String, Score>> evaluate(SearchService service, Principal who, List<Query> queries) {
        Map<SearchMode, Map<String, Score>> out = new EnumMap<>(SearchMode.class);
        for (SearchMode mode : SearchMode.values()) {
            Map<String, double[]> acc = new LinkedHashMap<>(); // n, r1, r5, rr
            for (Query q : queries) {
                SearchResponse r = service.search(who, new SearchRequest(q.text(), mode, null, null, 10));
                int rank = 0;
                for (int i = 0; i < r.hits().size(); i++) {
                    if (r.hits().get(i).skill().name().equals(q.expected())) {
                        rank = i + 1;
                        break;
                    }
                }
                for (String slice : List.of("all", q.kind())) {
                    double[] a = acc.computeIfAbsent(slice, k -> new double[4]);
                    a[0]++;
                    a[1] += rank == 1 ? 1 : 0;
                    a[2] += rank >= 1 && rank <= 5 ? 1 : 0;
                    a[3] += rank > 0 ? 1.0 / rank : 0;
                }
            }
            Map<String, Score> scores = new LinkedHashMap<>();
            acc.forEach((slice, a) -> scores.put(slice, new Score((int) a[0], a[1] / a[0], a[2] / a[0], a[3] / a[0])));
            out.put(mode, scores);
        }
        return out;
    }

    /** A markdown table of the scores. */
    public static String table(Map<SearchMode, Map<String, Score>> scores) {
        StringBuilder sb = new StringBuilder("| mode | queries | recall@1 | recall@5 | MRR | paraphrase recall@5 | paraphrase MRR |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        scores.forEach((mode, s) -> {
            Score all = s.get("all");
            Score para = s.getOrDefault("paraphrase", new Score(0, 0, 0, 0));
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    mode.name().toLowerCase(Locale.ROOT), all.queries(), all.recallAt1(), all.recallAt5(), all.mrr(),
                    para.recallAt5(), para.mrr()));
        });
        return sb.toString();
    }
}
