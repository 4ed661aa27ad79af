package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "restore", description = "Restore a soft-deleted skill.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", description = "The skill: name or namespace/name.")
    String name;

    @Override
    public Integer call() {
        SkillRef ref = root.ref(name);
        try (SkillDeskCore core = root.open()) {
            core.library().restore(root.principal(), ref.namespace(), ref.name());
        }
        root.out.println("restored " + ref);
        return ExitCodes.OK;
    }
}
