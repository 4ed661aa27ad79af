package dev.skilldesk.cli;

import dev.skilldesk.agents.AgentView;
import dev.skilldesk.agents.SkillSwitches;
import dev.skilldesk.library.AgentTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sees", description = {"What an agent sees: every skill in the folders it reads (installed by SkillDesk"
        + " or not), its scope, its override, which of two same-named copies it loads by its documented precedence,"
        + " and its fate in the agent's listing at its real budget (full, cut, name-only, dropped).",
        "Claude Code: 1%% of the context window (4 characters a token), entries cut at 1,536 characters, names kept;"
        + " Codex: 2%%, or 8,000 characters when the window is unknown."})
final class SeesCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--project", paramLabel = "DIR", description = "In this project (default: outside any project).")
    Path project;

    @Option(names = "--context-tokens", paramLabel = "N", description = "The model's context window in tokens"
            + " (default: 200,000 for Claude Code; unknown for Codex).")
    Integer contextTokens;

    @Option(names = "--json", description = "Print JSON: [{\"name\", \"path\", \"scope\", \"wins\", \"override\", \"listing\"}].")
    boolean json;

    /** Each skill's activations in the last 30 days, by name, when there is a library (else none: ties by length). */
    private Map<String, Long> uses() {
        if (!dev.skilldesk.SkillDeskCore.exists(root.dataDir())) {
            return Map.of();
        }
        Map<String, Long> uses = new java.util.HashMap<>();
        try (dev.skilldesk.SkillDeskCore core = dev.skilldesk.SkillDeskCore.open(root.dataDir(), root.localAuthor(), root.env)) {
            java.time.Instant now = java.time.Instant.now();
            core.stats().topSkills(root.localAuthor(), now.minus(java.time.Duration.ofDays(30)), now, 1_000_000)
                    .forEach(c -> uses.merge(c.name(), c.activations(), Long::sum));
        } catch (RuntimeException unreadable) {
            return Map.of();
        }
        return uses;
    }

    @Override
    public Integer call() throws Exception {
        if (root.agents.size() != 1) {
            throw new IllegalArgumentException("name one agent: --agent ID (ids from 'skilldesk agents')");
        }
        SkillDeskCli.checkProject(project);
        if (contextTokens != null && contextTokens <= 0) {
            throw new IllegalArgumentException("--context-tokens must be a positive number of tokens");
        }
        AgentTargets.Agent a = AgentTargets.byId(root.agents.get(0));
        AgentView.View v = new AgentView(root.env, new SkillSwitches(root.env, root.dataDir(), Clock.systemUTC()))
                .sees(a, project, contextTokens, uses());
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (AgentView.Seen s : v.skills()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.name());
                m.put("path", s.path().toString());
                m.put("scope", s.scope());
                m.put("wins", s.wins());
                m.put("override", s.override());
                m.put("listing", s.listing().label());
                out.add(m);
            }
            root.out.println(Json.write(out));
        } else {
            long loaded = v.skills().stream().filter(s -> s.wins() && !s.override().equals("off")).count();
            root.out.println(a.name() + (v.project() == null ? ", outside any project" : " in " + v.project()) + ": "
                    + loaded + " skill" + (loaded == 1 ? "" : "s") + " loaded");
            root.out.println("  precedence: " + v.precedence());
            root.out.println("  listing budget: " + v.budgetRule());
            root.out.println(String.format("%-28s %-9s %-5s %-20s %-9s %s", "NAME", "SCOPE", "WINS", "OVERRIDE", "LISTING", "FOLDER"));
            for (AgentView.Seen s : v.skills()) {
                root.out.println(String.format("%-28s %-9s %-5s %-20s %-9s %s", s.name(), s.scope(), s.wins() ? "yes" : "no",
                        s.kept() ? "off (kept)" : s.override(), s.listing().label(), s.path()));
            }
            if (v.skills().isEmpty()) {
                root.out.println("  (no skill folders in " + String.join(", ", a.reads(root.env, v.project()).stream()
                        .map(r -> r.folder().toString()).toList()) + ")");
            }
        }
        for (String n : v.notes()) {
            root.err.println("note: " + n);
        }
        return ExitCodes.OK;
    }
}
