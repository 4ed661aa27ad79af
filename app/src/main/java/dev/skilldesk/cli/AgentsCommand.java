package dev.skilldesk.cli;

import dev.skilldesk.library.AgentTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "agents", description = {"The agents SkillDesk installs for, with the global skills folder each reads,"
        + " where a global install for it goes, and its folder in a project (relative to its root); 'installed' when"
        + " the agent's configuration folder exists.",
        "Agents that read the same folder share one copy of a skill there. The table is the skills CLI's (npm"
        + " skills 1.7.4), with the agents' own docs where they differ."})
final class AgentsCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--json", description = "Print JSON: [{\"id\", \"name\", \"installed\", \"global\", \"install\","
            + " \"project\"}] (global and install null for an agent that reads skills only in a project).")
    boolean json;

    @Override
    public Integer call() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (AgentTargets.Agent a : AgentTargets.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("name", a.name());
            m.put("installed", a.installed(root.env));
            Path global = a.globalDir(root.env);
            m.put("global", global == null ? null : global.toString());
            Path install = a.installDir(root.env);
            m.put("install", install == null ? null : install.toString());
            m.put("project", a.projectDir());
            List<String> sharing = AgentTargets.all().stream().filter(b -> b != a && b.projectDir().equals(a.projectDir()))
                    .map(AgentTargets.Agent::id).toList();
            if (!sharing.isEmpty()) {
                m.put("projectSharedWith", sharing);
            }
            out.add(m);
        }
        if (json) {
            root.out.println(Json.write(out));
            return ExitCodes.OK;
        }
        root.out.println(String.format("%-16s %-20s %-3s %-44s %s", "ID", "NAME", "", "GLOBAL", "PROJECT"));
        for (Map<String, Object> m : out) {
            Object g = m.get("global") == null ? "(projects only)" : m.get("install").equals(m.get("global"))
                    ? m.get("global") : m.get("global") + " (installs go to " + m.get("install") + ")";
            root.out.println(String.format("%-16s %-20s %-3s %-44s %s", m.get("id"), m.get("name"),
                    Boolean.TRUE.equals(m.get("installed")) ? "✓" : "", g, m.get("project")));
        }
        root.out.println("✓: installed here (its configuration folder exists). Install with:"
                + " skilldesk install NAME --agent ID [--agent ID…] [--project DIR] [--link]");
        return ExitCodes.OK;
    }
}
