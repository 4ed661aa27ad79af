package dev.skilldesk.ui;

import dev.skilldesk.bench.SyntheticCorpus;
import dev.skilldesk.ui.common.PulseMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports 1,000 generated skills into the running app and measures the longest gap between FX pulses
 * while the import and the embedding run. The figure is reported (target/ui-responsiveness.txt), not
 * asserted: speed is shown by measurement, not by a timed test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportResponsivenessUiTest extends FxRobot {
    @TempDir
    static Path dir;
    SkillDeskApp app;

    @BeforeAll
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", dir.resolve("lib").toString());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> app.window().core().searchStarted()
                && app.window().core().search().indexer().status().indexReady());
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void importingAThousandSkillsKeepsTheWindowResponsive() throws Exception {
        Path corpus = dir.resolve("corpus");
        SyntheticCorpus.write(corpus, 1_000, 42);
        PulseMonitor monitor = new PulseMonitor(app.window().scene());
        GcPauses gc = new GcPauses();
        interact(monitor::start);
        Thread watchdog = new Thread(() -> {
            long reported = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                long last = monitor.lastPulseNanos();
                if (last != 0 && last != reported && System.nanoTime() - last > 60_000_000L) {
                    reported = last;
                    StringBuilder sb = new StringBuilder("STALL at " + System.currentTimeMillis() + "\n");
                    Thread.getAllStackTraces().forEach((t, st) -> {
                        if (t.getState() == Thread.State.RUNNABLE || t.getName().contains("JavaFX") || t.getName().contains("Quantum")) {
                            sb.append("  [").append(t.getName()).append(' ').append(t.getState()).append("]\n");
                            for (int i = 0; i < Math.min(6, st.length); i++) {
                                sb.append("      ").append(st[i]).append('\n');
                            }
                        }
                    });
                    System.err.print(sb);
                }
            }
        });
        watchdog.setDaemon(true);
        if (Boolean.getBoolean("skilldesk.pulse.debug")) {
            watchdog.start();
        }
        long t0 = System.nanoTime();
        interact(() -> app.window().libraryViewModel().imports().importPath(corpus, null));
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> app.window().libraryViewModel().rows().size() == 1_005);
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        app.window().core().search().indexer().awaitIdle(10, TimeUnit.MINUTES);
        double totalSeconds = (System.nanoTime() - t0) / 1e9;
        interact(monitor::stop);
        gc.close();
        String report = String.format(Locale.ROOT, "1,000-skill import in the app: imported in %.1f s, embedded by %.1f s;"
                        + " %d pulses, longest pulse %.1f ms; longest gap between pulses %.1f ms (ended at %.2f s),"
                        + " %d gaps over 50 ms, %d over 100 ms; %s (headless Monocle, software pipeline)%n",
                importSeconds, totalSeconds, monitor.pulses(), monitor.maxPulseMillis(), monitor.maxGapMillis(),
                (monitor.maxGapEndedNanos() - t0) / 1e9, monitor.gapsOver50ms(), monitor.gapsOver100ms(), gc.summary());
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/ui-responsiveness.txt"), report);
        assertThat(monitor.pulses()).as("the FX thread kept pulsing").isGreaterThan(10);
    }
}
