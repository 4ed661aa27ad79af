package dev.skilldesk.cli;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.SkillDeskCore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "share", description = "Add (or with --remove, take away) an agent on a shared skill's whitelist.")
final class ShareCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The skill: name or namespace/name.")
    String name;

    @Parameters(index = "1", paramLabel = "AGENT", description = "The agent id to add to (or remove from) the whitelist.")
    String agentId;

    @Option(names = "--remove", description = "Take the agent off the whitelist instead.")
    boolean remove;

    @Override
    public Integer call() {
        SkillRef ref = root.ref(name);
        try (SkillDeskCore core = root.open()) {
            if (remove) {
                core.library().unshare(root.principal(), ref.namespace(), ref.name(), agentId);
            } else {
                core.library().share(root.principal(), ref.namespace(), ref.name(), agentId);
            }
        }
        root.out.println((remove ? "unshared " : "shared ") + ref + (remove ? " from " : " with ") + agentId);
        return ExitCodes.OK;
    }
}
