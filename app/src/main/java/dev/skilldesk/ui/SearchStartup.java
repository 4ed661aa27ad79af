package dev.skilldesk.ui;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.search.IndexStatus;
import dev.skilldesk.search.SearchStack;
import dev.skilldesk.ui.common.TaskExecutor;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Starts the search stack in the background once the window is up (the model takes a moment to load), then
 * warms the search path at low priority so that the first real search does not pay for cold code.
 */
final class SearchStartup {
    private SearchStartup() {
    }

    /** Starts search; {@code ready} gets the stack and its first status on the FX thread. */
    static void begin(SkillDeskCore core, TaskExecutor executor, BiConsumer<SearchStack, IndexStatus> ready,
                      Consumer<Throwable> failed) {
        // the first status is a query: it runs here, in the background, with the model's start
        executor.run("Starting search", () -> core.search().indexer().status(), firstStatus -> {
            SearchStack search = core.search(); // started by now: returns at once
            dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-search-warm-up", () -> search.warmUp(core.author())).start();
            ready.accept(search, firstStatus);
        }, failed::accept);
    }
}
