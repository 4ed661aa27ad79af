package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.map.Overlaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "overlaps", description = {"Confusable skills: pairs whose descriptions an agent cannot tell apart"
        + " (similarity at or above the threshold, or each other's nearest with a small margin), most similar first,"
        + " with the words that differ and the trigger-lab requests that confuse them. With --namespace NS, only the"
        + " pairs with a skill in NS (across namespaces and sources otherwise).",
        "Exits 3 when there is any pair."})
final class OverlapsCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.85",
            description = "Cosine similarity of \"name: description\" at or above which a pair is listed (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N pairs (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON: [{\"a\": \"ns/name\", \"b\": \"ns/name\", \"similarity\": 0.83, …}].")
    boolean json;

    @Override
    public Integer call() {
        if (threshold <= 0 || threshold > 1) {
            root.err.println("skilldesk overlaps: --threshold is a similarity between 0 and 1, not " + threshold);
            return ExitCodes.USAGE;
        }
        List<Overlaps.Pair> pairs;
        try (SkillDeskCore core = root.open()) {
            // --namespace NS (the option every command has): only the pairs with a skill in NS
            pairs = core.skillMap().overlaps(root.principal(), threshold, limit, root.namespace);
        }
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Overlaps.Pair p : pairs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("a", p.a());
                m.put("b", p.b());
                m.put("similarity", p.similarity());
                m.put("mutualNearest", p.mutualNearest());
                m.put("onlyA", p.onlyA());
                m.put("onlyB", p.onlyB());
                m.put("requests", p.requests());
                out.add(m);
            }
            root.out.println(Json.write(out));
        } else if (pairs.isEmpty()) {
            root.out.println("no confusable pairs at " + threshold);
        } else {
            for (Overlaps.Pair p : pairs) {
                root.out.printf(java.util.Locale.ROOT, "%.3f  %s  ~  %s%s%n", p.similarity(), p.a(), p.b(),
                        p.mutualNearest() ? "  (each other's nearest)" : "");
                root.out.println("       only in " + p.a() + ": " + (p.onlyA().isEmpty() ? "(nothing)" : String.join(", ", p.onlyA())));
                root.out.println("       only in " + p.b() + ": " + (p.onlyB().isEmpty() ? "(nothing)" : String.join(", ", p.onlyB())));
                p.requests().forEach(r -> root.out.println("       confused by the request: " + r));
            }
        }
        return pairs.isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
