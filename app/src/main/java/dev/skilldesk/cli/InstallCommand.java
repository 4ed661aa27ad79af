package dev.skilldesk.cli;

import dev.skilldesk.library.SkillNeedsFixesException;
import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.AgentFolders;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillInstall;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "install", description = {"Copy skills into agents' folders (the exact files of a version) and remember"
        + " where, so that 'status' can tell when a copy was edited.",
        "--agent A (repeatable; ids from 'skilldesk agents') installs into each agent's global folder, or with"
                + " --project DIR into its folder in that project; agents that share a folder share one copy."})
final class InstallCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "name or namespace/name")
    List<String> names;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    @Option(names = "--project", paramLabel = "DIR", description = "With --agent: into each agent's folder in this project.")
    Path project;

    @Option(names = "--link", description = "Link each agent's folder to one copy SkillDesk keeps, where the system"
            + " allows links (else copy, and say so).")
    boolean link;

    /** Where the copies go: exactly one of these. */
    static final class Target {
        @Option(names = "--to", paramLabel = "DIR", description = "Into DIR/<name>/.")
        Path to;

        @Option(names = "--claude", description = "Into $CLAUDE_CONFIG_DIR/skills, default ~/.claude/skills (Claude Code, every project).")
        boolean claude;

        @Option(names = "--claude-project", paramLabel = "DIR", description = "Into DIR/.claude/skills (one project).")
        Path claudeProject;

        @Option(names = "--agents", description = "Into ~/.agents/skills.")
        boolean agents;
    }

    @Option(names = "--version", defaultValue = "0", description = "A version (default: the active one).")
    int version;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--accept-risk", description = "Install skills the trust check finds a high-severity finding in"
            + " (refused by default, with the findings; the others go on, exit 3).")
    boolean acceptRisk;

    @Override
    public Integer call() throws IOException {
        boolean byAgent = !root.agents.isEmpty() && target == null;
        if (target == null && !byAgent) {
            root.err.println("skilldesk install: say where: --agent A (ids from 'skilldesk agents'), --to DIR, --claude,"
                    + " --claude-project DIR or --agents");
            return ExitCodes.USAGE;
        }
        if (project != null && !byAgent) {
            root.err.println("skilldesk install: --project goes with --agent");
            return ExitCodes.USAGE;
        }
        List<AgentTargets.Target> targets = new ArrayList<>();
        if (byAgent) {
            List<AgentTargets.Agent> agents = root.agents.stream().map(AgentTargets::byId).distinct().toList();
            targets.addAll(AgentTargets.byFolder(agents, root.env, project));
        } else {
            Path parent = target.to != null ? target.to
                    : target.claude ? AgentFolders.claudeSkills(root.env)
                    : target.claudeProject != null ? target.claudeProject.resolve(".claude/skills")
                    : AgentFolders.agentsSkills(root.env);
            Path writeRoot = target.claudeProject != null ? target.claudeProject : parent;
            targets.add(new AgentTargets.Target(parent.toAbsolutePath().normalize(),
                    AgentTargets.readersOf(parent, root.env, null), writeRoot.toAbsolutePath().normalize()));
        }
        Principal who = byAgent ? root.localAuthor() : root.principal();
        List<Map<String, Object>> done = new ArrayList<>();
        int refused = 0;
        try (SkillDeskCore core = root.open()) {
            for (String n : names) {
                SkillRef ref = root.ref(n);
                try {
                    core.library().requirePasses(who, ref.namespace(), ref.name(), version);
                } catch (SkillNeedsFixesException e) {
                    refused++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", ref.toString());
                    m.put("refused", e.getMessage());
                    m.put("errors", e.errors().stream().map(i -> Map.of("rule", i.ruleId(), "line", i.line(),
                            "message", i.message())).toList());
                    done.add(m);
                    if (!json) {
                        root.out.println("not installed " + ref + ": it needs fixes before an agent may have it:");
                        e.errors().forEach(i -> root.out.println("    SKILL.md" + (i.line() > 0 ? ":" + i.line() : "")
                                + ": [" + i.ruleId() + "] " + i.message()));
                    }
                    continue;
                }
                dev.skilldesk.audit.Auditor.Report audit = core.installs().audit(who, ref.namespace(), ref.name(), version);
                if (audit.high() && !acceptRisk) {
                    refused++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", ref.toString());
                    m.put("refused", dev.skilldesk.library.Importer.trustRefusal(audit));
                    m.put("findings", AuditCommand.findingsJson(audit));
                    done.add(m);
                    if (!json) {
                        root.out.println("not installed " + ref + ": refused by the trust check"
                                + " (--accept-risk installs it):");
                        audit.findings().stream().filter(f -> f.severity() == dev.skilldesk.audit.AuditSeverity.HIGH)
                                .forEach(f -> root.out.println("    " + f));
                    }
                    continue;
                }
                for (AgentTargets.Target t : targets) {
                    dev.skilldesk.library.Installs.Placed p;
                    try {
                        p = core.installs().place(who, ref.namespace(), ref.name(), version, t, link);
                    } catch (IOException | IllegalArgumentException e) {
                        refused++;
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", ref.toString());
                        m.put("folder", t.folder().toString());
                        m.put("refused", e.getMessage());
                        done.add(m);
                        if (!json) {
                            root.err.println("not installed " + ref + " into " + t.folder() + ": "
                                    + e.getMessage());
                        }
                        continue;
                    }
                    SkillInstall i = p.install();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", ref.toString());
                    m.put("version", i.version());
                    m.put("folder", i.folder().toString());
                    m.put("agents", t.agents().stream().map(AgentTargets.Agent::id).toList());
                    m.put("mode", p.linked() ? "link" : "copy");
                    if (p.note() != null) {
                        m.put("note", p.note());
                    }
                    m.put("contentHash", i.contentHash());
                    done.add(m);
                    if (!json) {
                        root.out.println("installed " + ref + " v" + i.version() + " -> " + i.folder()
                                + (t.agents().isEmpty() ? "" : " (" + t.agentIds() + ")") + (p.linked() ? " [link]" : "")
                                + (p.note() != null ? "; " + p.note() : ""));
                    }
                }
            }
        }
        if (json) {
            root.out.println(Json.write(done));
        }
        return refused > 0 ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
}
