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
        try (SkillDeskCore core = root.open().embedOnAllCores()) {
            long t0 = System.nanoTime();
            core.search().indexer().reindexAll();
            SearchCommand.waitForIndex(core.search(), root, false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            var s = core.search().indexer().status();
            root.out.println("reindexed: " + s.indexed() + " of " + s.total() + " skills embedded with " + s.modelId()
                    + String.format(java.util.Locale.ROOT, " in %.1f s (%.0f skills/s; text already embedded costs"
                    + " nothing)", seconds, s.indexed() / Math.max(seconds, 1e-3)));
            return s.pending() == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }
}
