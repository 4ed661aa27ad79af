package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "delete", description = "Soft-delete a skill (restore brings it back with all versions).")
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "NAME", description = "The skill: name or namespace/name.")
    String name;

    @Override
    public Integer call() {
        SkillRef ref = root.ref(name);
        try (SkillDeskCore core = root.open()) {
            core.library().delete(root.principal(), ref.namespace(), ref.name());
        }
        root.out.println("deleted " + ref + " (undo: skilldesk restore " + name + ")");
        return ExitCodes.OK;
    }
}
