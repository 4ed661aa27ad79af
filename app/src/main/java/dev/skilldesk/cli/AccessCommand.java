package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.AccessLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "access", description = "Set a skill's access level: private, team, shared, public or system.")
final class AccessCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The skill: name or namespace/name.")
    String name;

    @Parameters(index = "1", paramLabel = "LEVEL", description = "private, team, shared, public or system.")
    String level;

    @Override
    public Integer call() {
        SkillRef ref = root.ref(name);
        AccessLevel access = AccessLevel.parse(level);
        try (SkillDeskCore core = root.open()) {
            core.library().setAccess(root.principal(), ref.namespace(), ref.name(), access);
        }
        root.out.println(ref + " is now " + access.key());
        return ExitCodes.OK;
    }
}
