package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.agents.Scenes;
import dev.skilldesk.agents.SkillSwitches;
import dev.skilldesk.library.AgentTargets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "scene", description = {"Switch a profile's skills on or off for chosen agents in one action (switching,"
        + " never deleting): every change is shown first with --dry-run; 'scene --undo' puts every file and folder back.",
        "  skilldesk scene PROFILE --off --agent claude-code --agent codex [--project DIR]",
        "  skilldesk scene --undo"})
final class SceneCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "PROFILE", arity = "0..1", description = "The profile whose skills to switch.")
    String profile;

    static final class Way {
        @Option(names = "--on", description = "Switch them on.")
        boolean on;
        @Option(names = "--off", description = "Switch them off.")
        boolean off;
        @Option(names = "--undo", description = "Undo the last scene or switch (disable, enable; made here or in the window).")
        boolean undo;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Way way;

    @Option(names = "--project", paramLabel = "DIR", description = "In this project (default: the agents' global scope).")
    Path project;

    @Option(names = "--dry-run", description = "Show every change; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Scenes scenes = new Scenes(new SkillSwitches(root.env, root.dataDir(), Clock.systemUTC()));
        if (way.undo) {
            String last = scenes.last();
            List<SkillSwitches.Change> undone = scenes.undoLast();
            if (undone.isEmpty() && last == null) {
                root.err.println("skilldesk scene: nothing to undo");
                return ExitCodes.NOT_FOUND;
            }
            root.out.println("undone: " + last + " (" + undone.size() + " change" + (undone.size() == 1 ? "" : "s") + ")");
            return ExitCodes.OK;
        }
        if (profile == null) {
            throw new IllegalArgumentException("name the profile: skilldesk scene PROFILE --on|--off --agent ID");
        }
        if (root.agents.isEmpty()) {
            throw new IllegalArgumentException("name the agents: --agent ID (repeatable)");
        }
        List<String> skills;
        try (SkillDeskCore core = root.open()) {
            skills = core.profiles().profile(root.localAuthor(), profile).skills().stream()
                    .map(r -> r.substring(r.indexOf('/') + 1)).distinct().toList();
        }
        List<AgentTargets.Agent> agents = root.agents.stream().map(AgentTargets::byId).distinct().toList();
        SkillDeskCli.checkProject(project);
        Scenes.Scene scene = scenes.plan(profile, skills, way.on, agents, project);
        root.out.println((dryRun ? "would: " : "") + Scenes.title(scene, !dryRun) + ": " + scene.changes().size() + " change"
                + (scene.changes().size() == 1 ? "" : "s"));
        for (SkillSwitches.Change c : scene.changes()) {
            root.out.println("  " + (c.isMove() ? c.from() + " → " + c.to() : c.path() + ": " + c.what()));
        }
        for (String n : scene.notes()) {
            root.err.println("note: " + n);
        }
        if (!dryRun && !scene.changes().isEmpty()) {
            scenes.apply(scene);
            root.out.println("undo with: skilldesk scene --undo");
        }
        return ExitCodes.OK;
    }
}
