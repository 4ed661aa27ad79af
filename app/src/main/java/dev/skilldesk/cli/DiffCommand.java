package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "diff", description = "Unified diff of two versions' SKILL.md.")
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The skill: name or namespace/name.")
    String name;

    @Parameters(index = "1", paramLabel = "FROM", description = "The older version.")
    int from;

    @Parameters(index = "2", paramLabel = "TO", description = "The newer version.")
    int to;

    @Override
    public Integer call() {
        SkillRef ref = root.ref(name);
        try (SkillDeskCore core = root.open()) {
            root.out.print(core.library().diff(root.principal(), ref.namespace(), ref.name(), from, to));
        }
        return ExitCodes.OK;
    }
}
