package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "activate-version", description = "Make a version the active one (rollback); later versions are kept.")
final class ActivateVersionCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The skill: name or namespace/name.")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version to make active (see `versions`).")
    int version;

    @Override
    public Integer call() {
        SkillRef ref = root.ref(name);
        try (SkillDeskCore core = root.open()) {
            int before = core.library().activateVersion(root.principal(), ref.namespace(), ref.name(), version);
            root.out.println(ref + ": active version " + before + " -> " + version
                    + " (undo: skilldesk activate-version " + name + " " + before + ")");
        }
        return ExitCodes.OK;
    }
}
