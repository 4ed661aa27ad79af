package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "restore", description = {"Restore a soft-deleted skill (NAME), or install what a project's"
        + " skills-lock.json names (--project DIR), as the skills CLI writes it, from the sources SkillDesk can reach"
        + " (local folders, git repositories), into the project's .agents/skills (or the --agent folders there).",
        "What cannot be reached is named; the exit code is then 1."})
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The skill: name or namespace/name.")
    String name;

    @picocli.CommandLine.Option(names = "--project", paramLabel = "DIR", description = "Restore the skills this project's"
            + " skills-lock.json names.")
    java.nio.file.Path project;

    @picocli.CommandLine.Option(names = "--force", description = "With --project: replace a copy that differs from the"
            + " lock's source (else it is left as it is and named).")
    boolean force;

    @Override
    public Integer call() throws java.io.IOException {
        if ((name == null) == (project == null)) {
            throw new IllegalArgumentException("name a skill to restore, or --project DIR to restore from its skills-lock.json");
        }
        if (project != null) {
            return fromLock();
        }
        SkillRef ref = root.ref(name);
        try (SkillDeskCore core = root.open()) {
            core.library().restore(root.principal(), ref.namespace(), ref.name());
        }
        root.out.println("restored " + ref);
        return ExitCodes.OK;
    }

    private int fromLock() throws java.io.IOException {
        java.nio.file.Path p = project.toAbsolutePath().normalize();
        java.util.List<java.nio.file.Path> into = root.agents.stream().map(dev.skilldesk.library.AgentTargets::byId)
                .map(a -> a.projectDir(p)).distinct().toList();
        var done = new dev.skilldesk.agents.SkillLocks(root.env, java.time.Clock.systemUTC()).restore(p, into, force);
        boolean allOk = true;
        for (var r : done) {
            allOk &= r.ok();
            if (r.ok()) {
                root.out.println(r.name() + ": " + r.outcome() + (r.outcome().equals("already there") ? " (" + r.folder() + ")"
                        : " into " + r.folder()));
            } else {
                root.err.println((r.name().isEmpty() ? "" : r.name() + ": ") + r.outcome());
            }
        }
        return allOk ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
