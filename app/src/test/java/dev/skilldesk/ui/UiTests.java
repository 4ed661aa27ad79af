package dev.skilldesk.ui;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the UI tests share: waiting on the FX thread, the text of a table's rows on screen, the CLI in another process. */
final class UiTests {
    private UiTests() {
    }

    /** Waits until {@code condition} holds (checked after the FX thread has done its queued work). */
    static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text of each row of {@code table} that is on screen, its cells joined by spaces. */
    static List<String> rowTexts(TableView<?> table) {
        List<String> out = new ArrayList<>();
        for (Node node : table.lookupAll(".table-row-cell")) {
            TableRow<?> row = (TableRow<?>) node;
            if (row.isVisible() && row.getItem() != null) {
                StringBuilder b = new StringBuilder();
                row.lookupAll(".table-cell").forEach(c -> b.append(((Labeled) c).getText()).append(' '));
                out.add(b.toString());
            }
        }
        return out;
    }

    /** Runs the CLI in a child JVM on the library in {@code dataDir} and waits for it to finish, successfully. */
    static void cli(Path dataDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.skilldesk.cli.SkillDeskCli",
                "--data-dir", dataDir.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dataDir.getParent(), "cli-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }
}
