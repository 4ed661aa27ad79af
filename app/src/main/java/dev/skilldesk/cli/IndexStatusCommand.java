package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.search.IndexStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "index-status", description = "How far the background embedding has got.")
final class IndexStatusCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--wait", description = "Embed what is pending and return when nothing is.")
    boolean await;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (SkillDeskCore core = root.open()) {
            if (await) {
                SearchCommand.waitForIndex(core.search(), root, false);
            } else {
                // let the index load (or notice it must be rebuilt) before reporting
                long deadline = System.currentTimeMillis() + 60_000;
                while (!core.search().indexer().status().indexReady() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
            }
            IndexStatus s = core.search().indexer().status();
            if (json) {
                root.out.println(Json.write(s));
            } else {
                root.out.printf(Locale.ROOT, "model %s: %d of %d skills embedded, %d pending (%d stale), %d failed%n",
                        s.modelId(), s.indexed(), s.total(), s.pending(), s.stale(), s.failed());
                root.out.println("vector index: " + (s.indexReady() ? "ready" : "rebuilding")
                        + (s.breaker() != null ? "; backends: " + s.breaker() : "") + "; " + s.message());
            }
            return s.pending() == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }
}
