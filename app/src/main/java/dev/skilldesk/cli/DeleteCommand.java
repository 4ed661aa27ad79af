package dev.skilldesk.cli;

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
        String[] ref = root.ref(name);
        try (SkillDeskCore core = root.open()) {
            core.library().delete(root.principal(), ref[0], ref[1]);
        }
        root.out.println("deleted " + ref[0] + "/" + ref[1] + " (undo: skilldesk restore " + name + ")");
        return ExitCodes.OK;
    }
}
