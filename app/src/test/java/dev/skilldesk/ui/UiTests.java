package dev.skilldesk.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.TreeCell;
import javafx.scene.text.Text;
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

    /** The lines of the editor that are on screen. */
    static List<String> visibleLines(org.fxmisc.richtext.CodeArea area) {
        List<String> out = new ArrayList<>();
        int first = area.firstVisibleParToAllParIndex();
        int last = area.lastVisibleParToAllParIndex();
        for (int i = first; i <= last; i++) {
            out.add(area.getParagraph(i).getText());
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

    /** Labels (buttons, headers, tabs) whose text is drawn cut (to "..." or "…"); table and list cells excepted (their tooltips say the rest). */
    static List<String> truncated(Parent root) throws Exception {
        WaitForAsyncUtils.waitForFxEvents(3); // the layout of the last change is drawn first
        List<String> out = new ArrayList<>();
        for (Node n : root.lookupAll("*")) {
            if (n instanceof Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()
                    && !insideCell(l) && l.getScene() != null) {
                Node shown = l.lookup(".text");
                String ellipsis = l.getEllipsisString();
                if (shown instanceof Text t && t.getText() != null && !t.getText().equals(l.getText())
                        && t.getText().strip().endsWith(ellipsis.strip()) && !l.getText().endsWith(ellipsis.strip())
                        && visibleOnScreen(l)) {
                    out.add(l.getClass().getSimpleName() + (l.getId() == null ? "" : " #" + l.getId()) + " in "
                            + (l.getParent() == null ? "?" : l.getParent().getStyleClass()) + " '" + l.getText()
                            + "' shown as '" + t.getText() + "' (" + Math.round(l.getWidth()) + " of "
                            + Math.round(l.prefWidth(-1)) + " px)");
                }
            }
        }
        return out;
    }

    private static boolean visibleOnScreen(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean insideCell(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.IndexedCell<?> && !(p instanceof TreeCell<?>)) {
                return true;
            }
        }
        return false;
    }

}
