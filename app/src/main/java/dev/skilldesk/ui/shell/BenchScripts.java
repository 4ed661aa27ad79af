package dev.skilldesk.ui.shell;

import dev.skilldesk.search.IndexStatus;
import dev.skilldesk.ui.common.FxTaskExecutor;
import dev.skilldesk.ui.common.PulseMonitor;
import dev.skilldesk.ui.map.MapView;
import dev.skilldesk.ui.map.MapViewModel;
import dev.skilldesk.ui.search.SearchViewModel;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What {@code skilldesk bench --desktop} asks of the running app, by a hidden argument. Each script prints one
 * line on stdout when it has its figure; {@code --bench-pan}, {@code --bench-search} and {@code --bench-index} then
 * quit, {@code --bench-settle} and {@code --bench-use=DIR} stay open (the bench reads their memory, then stops them).
 * <ul>
 *   <li>{@code --bench-pan}: the Map's longest frame while it pans 10,000 points;</li>
 *   <li>{@code --bench-search}: a search as soon as the Search place can take one; the line comes once its answer is
 *       in the list (the bench times launch to that line);</li>
 *   <li>{@code --bench-index}: the background indexer's throughput on the skills the library has not embedded yet,
 *       with the window open, and the longest gap between frames meanwhile (an animation asks for every frame);</li>
 *   <li>{@code --bench-settle}: the line once the library is loaded and nothing is left to embed;</li>
 *   <li>{@code --bench-use=DIR}: imports DIR, waits for it to be embedded, then uses the app for a while (every tab,
 *       30 searches, 10 skills opened), and prints its line.</li>
 * </ul>
 */
public final class BenchScripts {
    private static final String[] QUERIES = {"validate a skill", "write release notes", "review a pull request",
            "make a slide deck", "clean a csv file", "fix a failing test", "draw a diagram", "summarise a paper",
            "plan a trip", "translate a document"};

    private final DesktopRoot window;
    private final FxTaskExecutor executor;
    private final Consumer<String> print;
    private final Consumer<String> trace;

    private BenchScripts(DesktopRoot window, Consumer<String> print, Consumer<String> trace) {
        this.window = window;
        this.executor = window.executor();
        this.print = print;
        this.trace = trace;
    }

    /**
     * Runs the script {@code args} name, if any; {@code print} writes a line to stdout, {@code trace} notes a step of the
     * start (-Dskilldesk.startupTrace), {@code quit} ends the app.
     */
    public static void run(List<String> args, DesktopRoot window, Consumer<String> print, Consumer<String> trace,
                           Runnable quit) {
        BenchScripts b = new BenchScripts(window, print, trace);
        for (String arg : args) {
            switch (arg) {
                case "--bench-pan" -> b.pan(line -> {
                    print.accept(line);
                    quit.run();
                });
                case "--bench-search" -> b.firstSearch(quit);
                case "--bench-index" -> b.indexing(quit);
                case "--bench-settle" -> b.whenSettled(() -> print.accept("bench-settle: settled"));
                default -> {
                    if (arg.startsWith("--bench-use=")) {
                        b.use(Path.of(arg.substring("--bench-use=".length())));
                    }
                }
            }
        }
    }

    private void firstSearch(Runnable quit) {
        if (!window.searchReady()) {
            executor.later(5, () -> firstSearch(quit));
            return;
        }
        trace.accept("search place ready");
        SearchViewModel vm = window.searchViewModel();
        vm.results().addListener(new ListChangeListener<Object>() {
            @Override
            public void onChanged(Change<?> c) {
                if (vm.results().isEmpty()) {
                    return;
                }
                vm.results().removeListener(this);
                trace.accept("first search answer");
                Platform.runLater(() -> { // once the list has been laid out with the answer
                    print.accept("bench-search: " + vm.results().size() + " results in " + (vm.lastTimingsProperty().get() == null ? "?" : vm.lastTimingsProperty().get().describe(false)) + (vm.noticeProperty().get().isEmpty() ? "" : " (" + vm.noticeProperty().get() + ")"));
                    quit.run();
                });
            }
        });
        vm.queryProperty().set("validate a skill");
        vm.search();
    }

    private void indexing(Runnable quit) {
        PulseMonitor frames = new PulseMonitor(window.scene());
        long[] start = {0};
        int[] indexedAtStart = {-1};
        poll(s -> {
            if (indexedAtStart[0] < 0 && s.pending() > 0 && s.indexReady()) {
                start[0] = System.nanoTime();
                indexedAtStart[0] = s.indexed();
                // the frames while it embeds, once the window's own start (its first layouts, the model's load) is over
                executor.later(2_000, frames::start);
            }
            if (indexedAtStart[0] >= 0 && s.pending() == 0) {
                double seconds = (System.nanoTime() - start[0]) / 1e9;
                frames.stop();
                int embedded = s.indexed() - indexedAtStart[0];
                print.accept(String.format(Locale.ROOT, "bench-index: %d embedded in %.1f s, %.1f skills/s; longest gap"
                        + " between frames %.1f ms (ended %.1f s in; %d gaps over 50 ms)", embedded, seconds,
                        embedded / seconds, frames.maxGapMillis(), (frames.maxGapEndedNanos() - start[0]) / 1e9,
                        frames.gapsOver50ms()));
                quit.run();
                return true;
            }
            return false;
        });
    }

    private void whenSettled(Runnable then) {
        poll(s -> {
            if (s.indexReady() && s.pending() == 0 && !window.libraryViewModel().rows().isEmpty()) {
                then.run();
                return true;
            }
            return false;
        });
    }

    private void use(Path folder) {
        whenSettled(() -> window.libraryViewModel().imports().importPath(folder, report -> whenSettled(() -> useRound(0))));
    }

    /**
     * One round: every tab, ten searches, a few skills opened. Three rounds are the "hour"; the same three rounds run
     * again after 30 s idle (the "second hour"), so the bench can read the memory after each and see that it is flat.
     */
    private void useRound(int round) {
        if (round == 3) {
            print.accept("bench-use: first pass done");
            executor.later(30_000, () -> useRound(round + 1));
            return;
        }
        if (round == 7) {
            print.accept("bench-use: second pass done");
            return;
        }
        int step = round % 4; // the second pass repeats the first: rounds 4, 5, 6 are 0, 1, 2 again
        if (step == 3) {
            return;
        }
        var places = window.window().places();
        for (int i = 0; i < places.size(); i++) {
            var place = places.get(i);
            executor.later(300L * i, () -> window.window().show(place));
        }
        long at = 300L * places.size();
        for (int q = 0; q < QUERIES.length; q++) {
            String query = QUERIES[q];
            executor.later(at + 200L * q, () -> {
                window.show("search");
                window.searchViewModel().queryProperty().set(query);
                window.searchViewModel().search();
            });
        }
        at += 200L * QUERIES.length;
        var rows = window.libraryViewModel().rows();
        for (int k = 0; k < Math.min(rows.size(), 3 + step * 3); k++) {
            var skill = rows.get((k * 37 + step) % rows.size()).skill();
            executor.later(at + 300L * k, () -> window.openSkill(skill));
        }
        at += 300L * 10;
        executor.later(at, () -> useRound(round + 1));
    }

    /** Polls the indexer's status off the FX thread every 100 ms until {@code done} says so (on the FX thread). */
    private void poll(Predicate<IndexStatus> done) {
        executor.run("bench", window::indexStatus, s -> {
            if (s == null || !done.test(s)) {
                executor.later(100, () -> poll(done));
            }
        }, e -> print.accept("bench: " + e.getMessage()));
    }

    /**
     * Shows 10,000 generated points on the Map, pans them for three seconds a step a frame, and reports the pulse
     * monitor's longest pulse and gap to {@code done} (then the app may exit).
     */
    private void pan(Consumer<String> done) {
        window.show("map");
        MapView view = window.map().mapView();
        MapViewModel mapVm = window.mapViewModel();
        List<MapViewModel.Dot> many = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            many.add(new MapViewModel.Dot(i, "ns" + (i % 12) + "/s" + i, "s" + i, "",
                    r.nextGaussian() * 5 + (i % 12) * 3, r.nextGaussian() * 5 - (i % 7) * 2, "ns" + (i % 12)));
        }
        mapVm.pairs().clear();
        mapVm.show(many);
        // after the start's own work (the model, the index) has settled, and a second of panning to warm up
        executor.later(4_000, () -> {
            view.fit();
            PulseMonitor monitor = new PulseMonitor(window.scene());
            long begin = System.nanoTime() + 1_000_000_000L;
            long end = begin + 3_000_000_000L;
            AnimationTimer timer = new AnimationTimer() {
                private int step;
                private boolean measuring;

                @Override
                public void handle(long now) {
                    step++;
                    view.panBy(step % 40 < 20 ? 6 : -6, step % 60 < 30 ? 3 : -3);
                    if (!measuring && now > begin) {
                        measuring = true;
                        monitor.start();
                    }
                    if (now > end) {
                        stop();
                        monitor.stop();
                        done.accept(String.format(Locale.ROOT, "bench-pan: %d pulses, longest pulse %.1f ms,"
                                + " longest gap %.1f ms", monitor.pulses(), monitor.maxPulseMillis(), monitor.maxGapMillis()));
                    }
                }
            };
            timer.start();
        });
    }
}
