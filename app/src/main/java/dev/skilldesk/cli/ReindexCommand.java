package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "reindex", description = "Re-embed every skill with the current model (cached text costs nothing).")
final class ReindexCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Override
    public Integer call() throws Exception {
        try (SkillDeskCore core = root.open()) {
            core.search().indexer().reindexAll();
            SearchCommand.waitForIndex(core.search(), root, false);
            var s = core.search().indexer().status();
            root.out.println("reindexed: " + s.indexed() + " of " + s.total() + " skills embedded with " + s.modelId());
            return s.pending() == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }
}
