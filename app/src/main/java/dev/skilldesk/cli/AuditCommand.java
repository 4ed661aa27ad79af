package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.audit.AuditSeverity;
import dev.skilldesk.audit.Auditor;
import dev.skilldesk.library.Audits;
import dev.skilldesk.audit.Finding;
import dev.skilldesk.skill.ActiveSkill;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "audit", description = {"The trust check: scan every file of skills for what a stranger's skill should"
        + " not do (download and run code, write outside the skill, send secrets, hidden payloads, committed keys,"
        + " invisible characters, instructions aimed at the agent, broad allowed-tools, binaries and archives).",
        "Exits 0 when nothing is a warning or worse, 3 otherwise, 4 for an unknown NAME."})
final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "PATH|NAME", arity = "1..*", description = "A skill folder, a tree of them, a SKILL.md or a"
            + " .skill/.zip package (nothing is imported); or a library skill's name or namespace/name.")
    List<String> targets;

    @Option(names = "--json", description = "Print JSON: [{\"name\", \"path\", \"findings\": [{\"rule\", \"severity\","
            + " \"file\", \"line\", \"message\"}]}].")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Auditor.Report> reports = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String t : targets) {
            Path p = Path.of(t);
            if (Files.exists(p)) {
                Audits.Result r = Audits.ofPath(p);
                reports.addAll(r.reports());
                unreadable.addAll(r.unreadable());
            } else {
                names.add(t);
            }
        }
        if (!names.isEmpty()) {
            try (SkillDeskCore core = root.open()) {
                for (String n : names) {
                    try {
                        ActiveSkill a = core.library().resolve(root.principal(), n);
                        String ref = a.skill().ref().toString();
                        reports.add(Auditor.audit(ref, ref, a.version().content(), core.library().files(a)));
                    } catch (RuntimeException e) {
                        unknown.add(n + ": " + e.getMessage());
                    }
                }
            }
        }
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Auditor.Report r : reports) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("path", r.path());
                m.put("findings", findingsJson(r));
                out.add(m);
            }
            root.out.println(Json.write(out));
        } else {
            for (Auditor.Report r : reports) {
                root.out.println(r.name() + " (" + r.path() + "): " + r.summary());
                r.findings().forEach(f -> root.out.println("  " + f));
            }
            long worst = reports.stream().filter(r -> r.worst() != null && r.worst() != AuditSeverity.INFO).count();
            root.out.println(reports.size() + " skill" + (reports.size() == 1 ? "" : "s") + " checked: " + worst
                    + " with a warning or worse, " + reports.stream().filter(Auditor.Report::high).count() + " high");
        }
        unreadable.forEach(u -> root.err.println("skilldesk audit: cannot read " + u));
        unknown.forEach(u -> root.err.println("skilldesk audit: no skill " + u));
        if (!unknown.isEmpty()) {
            return ExitCodes.NOT_FOUND;
        }
        boolean attention = !unreadable.isEmpty() || reports.stream().anyMatch(r -> r.worst() != null
                && r.worst().compareTo(AuditSeverity.WARNING) >= 0);
        return attention ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /** A report's findings as the JSON prints them. */
    static List<Map<String, Object>> findingsJson(Auditor.Report r) {
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule());
            m.put("severity", f.severity().label());
            m.put("file", f.file());
            m.put("line", f.line());
            m.put("message", f.message());
            fs.add(m);
        }
        return fs;
    }
}
