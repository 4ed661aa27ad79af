package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SkillTriggerReport;
import dev.skilldesk.library.TriggerLab;
import dev.skilldesk.library.TriggerResult;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Trigger;
import dev.skilldesk.skill.Trigger.Expectation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "triggers", description = "Trigger lab: store requests that should (--add) or should not (--avoid)"
        + " find a skill, and run them against the whole library (exit 3 when an expectation fails).")
final class TriggersCommand implements Callable<Integer> {
    /** Names of "beaten by" shown in the table; the JSON has them all. */
    private static final int BEATEN_BY_SHOWN = 3;
    private static final int REQUEST_WIDTH = 44;
    private static final String ROW = "  %-6s %-6s %-6s %5s  %-" + REQUEST_WIDTH + "s  %s";

    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", arity = "0..1",
            description = "The skill (default: run the triggers of every skill you own).")
    String name;

    @Option(names = "--add", paramLabel = "REQUEST",
            description = "Add a request that should find the skill (repeatable).")
    List<String> add = new ArrayList<>();

    @Option(names = "--avoid", paramLabel = "REQUEST",
            description = "Add a request that should not find the skill (repeatable).")
    List<String> avoid = new ArrayList<>();

    @Option(names = "--remove", paramLabel = "ID",
            description = "Remove the skill's trigger with this id (repeatable).")
    List<Long> remove = new ArrayList<>();

    @Option(names = "--top", paramLabel = "K", defaultValue = "" + TriggerLab.DEFAULT_TOP_K,
            description = "A find passes within the top K, an avoid outside it (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--no-wait", description = "Do not wait for pending embeddings before running.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        boolean editing = !add.isEmpty() || !avoid.isEmpty() || !remove.isEmpty();
        if (editing && name == null) {
            root.err.println("skilldesk triggers: give the skill NAME to add or remove triggers");
            return ExitCodes.USAGE;
        }
        if (top < 1) {
            root.err.println("skilldesk triggers: --top must be at least 1");
            return ExitCodes.USAGE;
        }
        Principal who = root.principal();
        try (SkillDeskCore core = root.open()) {
            return editing ? edit(core.triggers(), who) : run(core, who);
        }
    }

    private int edit(TriggerLab lab, Principal who) {
        SkillRef ref = root.ref(name);
        String skill = ref.toString();
        List<Trigger> added = new ArrayList<>();
        List<Trigger> removed = new ArrayList<>();
        for (String r : add) {
            added.add(lab.add(who, ref.namespace(), ref.name(), r, Expectation.FIND));
        }
        for (String r : avoid) {
            added.add(lab.add(who, ref.namespace(), ref.name(), r, Expectation.AVOID));
        }
        List<Long> missing = new ArrayList<>();
        for (long id : remove) {
            Optional<Trigger> gone = lab.remove(who, ref.namespace(), ref.name(), id);
            gone.ifPresentOrElse(removed::add, () -> missing.add(id));
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("skill", skill);
            doc.put("added", added.stream().map(TriggersCommand::toJson).toList());
            doc.put("removed", removed.stream().map(TriggersCommand::toJson).toList());
            doc.put("missing", missing);
            doc.put("triggers", lab.list(who, ref.namespace(), ref.name()).stream().map(TriggersCommand::toJson).toList());
            root.out.println(Json.write(doc));
        } else {
            for (Trigger t : added) {
                root.out.println("trigger #" + t.id() + " on " + skill + ": " + t.expectation().key() + " \""
                        + t.request() + "\"");
            }
            for (Trigger t : removed) {
                root.out.println("removed trigger #" + t.id() + " from " + skill + ": " + t.expectation().key()
                        + " \"" + t.request() + "\"");
            }
        }
        for (long id : missing) {
            root.err.println("skilldesk: " + skill + " has no trigger #" + id);
        }
        return missing.isEmpty() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
    }

    private int run(SkillDeskCore core, Principal who) throws InterruptedException {
        TriggerLab lab = core.triggers();
        List<SkillTriggerReport> reports;
        if (name != null) {
            SkillRef ref = root.ref(name);
            // an unknown or foreign skill is reported before the search stack loads its model
            if (lab.list(who, ref.namespace(), ref.name()).isEmpty()) {
                return none(ref + " has no triggers; add one with: skilldesk triggers " + name
                        + " --add \"REQUEST\"");
            }
            SearchCommand.waitForIndex(core.search(), root, noWait);
            reports = List.of(lab.run(who, ref.namespace(), ref.name(), top));
        } else {
            if (lab.skillsWithTriggers(who).isEmpty()) {
                return none("none of your skills has triggers yet; add one with: skilldesk triggers NAME --add"
                        + " \"REQUEST\"");
            }
            SearchCommand.waitForIndex(core.search(), root, noWait);
            reports = lab.runAll(who, top);
        }
        int failed = reports.stream().mapToInt(SkillTriggerReport::failed).sum();
        if (json) {
            root.out.println(Json.write(toJson(reports, top)));
        } else {
            print(reports);
        }
        return failed > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private int none(String message) {
        if (json) {
            root.out.println(Json.write(toJson(List.of(), top)));
        } else {
            root.out.println(message);
        }
        return ExitCodes.OK;
    }

    private void print(List<SkillTriggerReport> reports) {
        Set<String> notices = new LinkedHashSet<>();
        int passed = 0;
        int failed = 0;
        for (SkillTriggerReport r : reports) {
            root.out.printf(Locale.ROOT, "%s/%s: %d of %d passed (top %d)%n", r.namespace(), r.name(), r.passed(),
                    r.results().size(), r.topK());
            root.out.println(String.format(ROW, "ID", "STATUS", "EXPECT", "RANK", "REQUEST", "BEATEN BY"));
            for (TriggerResult t : r.results()) {
                String request = t.trigger().request().replaceAll("\\s+", " ");
                if (request.length() > REQUEST_WIDTH) {
                    request = request.substring(0, REQUEST_WIDTH - 1) + "…";
                }
                root.out.println(String.format(ROW, "#" + t.trigger().id(), t.passed() ? "PASS" : "FAIL",
                        t.trigger().expectation().key(),
                        t.rank() > 0 ? Integer.toString(t.rank()) : ">" + t.beatenBy().size(), request,
                        beatenBy(t.beatenBy())).stripTrailing());
                if (t.notice() != null) {
                    notices.add(t.notice());
                }
            }
            passed += r.passed();
            failed += r.failed();
        }
        if (reports.size() > 1) {
            root.out.printf("%d passed, %d failed over %d skills%n", passed, failed, reports.size());
        }
        notices.forEach(n -> root.out.println("note: " + n));
    }

    private static String beatenBy(List<String> names) {
        if (names.size() <= BEATEN_BY_SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, BEATEN_BY_SHOWN)) + " (+" + (names.size() - BEATEN_BY_SHOWN)
                + " more)";
    }

    private static Map<String, Object> toJson(List<SkillTriggerReport> reports, int top) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("top", top);
        doc.put("passed", reports.stream().mapToInt(SkillTriggerReport::passed).sum());
        doc.put("failed", reports.stream().mapToInt(SkillTriggerReport::failed).sum());
        List<Map<String, Object>> skills = new ArrayList<>();
        for (SkillTriggerReport r : reports) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("namespace", r.namespace());
            s.put("name", r.name());
            s.put("passed", r.passed());
            s.put("failed", r.failed());
            List<Map<String, Object>> results = new ArrayList<>();
            for (TriggerResult t : r.results()) {
                Map<String, Object> m = toJson(t.trigger());
                m.put("passed", t.passed());
                m.put("rank", t.rank());
                m.put("score", t.score());
                m.put("beatenBy", t.beatenBy());
                m.put("notice", t.notice());
                results.add(m);
            }
            s.put("results", results);
            skills.add(s);
        }
        doc.put("skills", skills);
        return doc;
    }

    private static Map<String, Object> toJson(Trigger t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("expect", t.expectation().key());
        m.put("request", t.request());
        return m;
    }
}
