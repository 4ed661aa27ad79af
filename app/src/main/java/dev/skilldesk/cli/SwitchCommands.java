package dev.skilldesk.cli;

import dev.skilldesk.agents.Scenes;
import dev.skilldesk.agents.SkillSwitches;
import dev.skilldesk.library.AgentTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code skilldesk disable} and {@code skilldesk enable}: one body and one set of options, the mode apart. */
final class SwitchCommands {
    private SwitchCommands() {
    }

    /** The skills and the place both commands take. */
    static final class Target {
        @Parameters(paramLabel = "NAME", arity = "1..*", description = "The skill's name, as the agent knows it (its folder).")
        List<String> names;

        @Option(names = "--project", paramLabel = "DIR", description = "In this project (default: the agent's global scope).")
        Path project;

        @Option(names = "--dry-run", description = "Show what would change; write nothing.")
        boolean dryRun;

        @Option(names = "--json", description = "Print the changes as JSON.")
        boolean json;
    }

    static int run(SkillDeskCli root, Target t, SkillSwitches.Mode mode) throws Exception {
        return run(root, t.names, t.project, mode, t.dryRun, t.json);
    }

    static int run(SkillDeskCli root, List<String> names, Path project, SkillSwitches.Mode mode, boolean dryRun,
                   boolean json) throws Exception {
        if (root.agents.isEmpty()) {
            throw new IllegalArgumentException("name the agent: --agent ID (ids from 'skilldesk agents')");
        }
        SkillDeskCli.checkProject(project);
        SkillSwitches switches = new SkillSwitches(root.env, root.dataDir(), Clock.systemUTC());
        List<AgentTargets.Agent> agents = root.agents.stream().map(AgentTargets::byId).distinct().toList();
        // every switch planned first, each settings file changed once: all of it is done, or none
        Scenes scenes = new Scenes(switches);
        Scenes.Scene plan = scenes.plan(null, names, mode, agents, project, false);
        if (!dryRun) {
            scenes.apply(plan); // the last switch: 'skilldesk scene --undo' puts it back
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (SkillSwitches.Change c : plan.changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", mode.label());
            m.put("file", c.isMove() ? null : c.path().toString());
            m.put("from", c.isMove() ? c.from().toString() : null);
            m.put("to", c.isMove() ? c.to().toString() : null);
            m.put("change", c.what());
            out.add(m);
        }
        if (json) {
            root.out.println(Json.write(out));
        } else {
            root.out.println((dryRun ? "would: " : "") + Scenes.title(plan, !dryRun)
                    + (plan.changes().isEmpty() ? " (already so; nothing to change)" : ":"));
            for (SkillSwitches.Change c : plan.changes()) {
                root.out.println("  " + (c.isMove() ? c.from() + " → " + c.to() : c.path() + ": " + c.what()));
            }
            if (!dryRun && !plan.changes().isEmpty()) {
                root.out.println("undo with: skilldesk scene --undo");
            }
        }
        for (String n : plan.notes()) {
            root.err.println("note: " + n);
        }
        return ExitCodes.OK;
    }
}

@Command(name = "disable", description = {"Switch skills off for an agent without deleting them: Claude Code's"
        + " skillOverrides (--mode off, name-only or user-invocable-only), Codex's [[skills.config]] in"
        + " $CODEX_HOME/config.toml, Gemini CLI's skills.disabled; for other agents the folder moves into SkillDesk's"
        + " keep until 'skilldesk enable'.",
        "Only that entry of a settings file is written; a file that does not parse is left as it is."})
final class DisableCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Mixin
    SwitchCommands.Target target;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "off",
            description = "off (default), name-only or user-invocable-only (the last two: Claude Code only).")
    String mode;

    @Override
    public Integer call() throws Exception {
        SkillSwitches.Mode m = SkillSwitches.Mode.parse(mode);
        if (m == SkillSwitches.Mode.ON) {
            throw new IllegalArgumentException("to switch a skill on, use: skilldesk enable NAME --agent ID");
        }
        return SwitchCommands.run(root, target, m);
    }
}

@Command(name = "enable", description = "Switch skills back on for an agent: its override removed, or its folder moved"
        + " back from SkillDesk's keep, byte for byte.")
final class EnableCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Mixin
    SwitchCommands.Target target;

    @Override
    public Integer call() throws Exception {
        return SwitchCommands.run(root, target, SkillSwitches.Mode.ON);
    }
}
